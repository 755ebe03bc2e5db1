/**
 * The Fig. 5 sweep over several Node worker threads (CLI, benches): the networks, in run-major
 * order, are dealt round-robin to `shards` workers (default: one per core), each with its own
 * tfjs-wasm. A network's numbers do not depend on its worker (fig5Sweep.ts), so the result equals
 * the one-thread sweep. Progress, pause-free cancel (ctx.signal) and the result as runFig5Sweep.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobContext } from '../../core/jobs/context';
import { JobAbortedError } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result } from '../../core/fig5/types';
import { fig5Result, Fig5Tracker, runMajorOrder, type Fig5ModelOut } from './fig5Sweep';

type Msg =
  | { type: 'training'; k: number; epoch: number; loss: number }
  | { type: 'scored'; out: Fig5ModelOut }
  | { type: 'done'; backend: string }
  | { type: 'cancelled' | 'error'; message: string };

const shardFile = new URL('./fig5ShardWorker.ts', import.meta.url).href;
const shardBootstrap =
  `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(shardFile)}); })` +
  `.catch((e) => { require('node:worker_threads').parentPort.postMessage(` +
  `{ type: 'error', message: String(e && e.stack || e) }); });`;

export async function runFig5SweepSharded(
  job: Fig5Job,
  ctx: JobContext<Fig5Progress>,
  opts: { shards?: number; backend?: 'wasm' | 'cpu' } = {},
): Promise<Fig5Result> {
  const st = job.setting;
  const order = runMajorOrder(st);
  const shards = Math.max(1, Math.min(opts.shards ?? availableParallelism(), order.length));
  const t0 = performance.now();
  const tracker = new Fig5Tracker(st, shards);
  const outs: Fig5ModelOut[] = [];
  let backend = opts.backend ?? 'wasm';
  let lastReport = 0;
  const report = (force = false) => {
    if (!force && performance.now() - lastReport < 250) return;
    lastReport = performance.now();
    ctx.progress(tracker.progress());
  };
  const workers: Worker[] = [];
  const onAbort = () => workers.forEach((w) => w.postMessage({ type: 'cancel' }));
  ctx.signal.addEventListener('abort', onAbort);
  try {
    await Promise.all(
      Array.from({ length: shards }, (_, s) => {
        const models = order.filter((_, i) => i % shards === s);
        // From TypeScript sources (tsx, vitest) the thread registers tsx's loader first.
        const w = new Worker(shardBootstrap, {
          eval: true,
          workerData: {
            setting: st,
            models,
            backend: opts.backend ?? 'wasm',
            testChunk: job.testChunk,
            curvePoints: job.curvePoints,
          },
        });
        workers.push(w);
        return new Promise<void>((resolve, reject) => {
          w.on('message', (m: Msg) => {
            if (m.type === 'training') {
              tracker.training(m.k, m.epoch, m.loss);
              report();
            } else if (m.type === 'scored') {
              outs.push(m.out);
              tracker.scored(m.out);
              report(true);
            } else if (m.type === 'done') {
              backend = m.backend as typeof backend;
              resolve();
            } else if (m.type === 'cancelled') reject(new JobAbortedError());
            else reject(new Error(`Fig. 5 shard ${s}: ${m.message}`));
          });
          w.on('error', reject);
          w.on(
            'exit',
            (code) => code !== 0 && reject(new Error(`Fig. 5 shard ${s} exited ${code}`)),
          );
        });
      }),
    );
  } catch (e) {
    onAbort();
    throw ctx.signal.aborted ? new JobAbortedError() : e;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return fig5Result(st, outs, {
    backend,
    shards,
    seconds: (performance.now() - t0) / 1000,
    curvePoints: job.curvePoints,
  });
}
