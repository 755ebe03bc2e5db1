/**
 * The Fig. 5 sweep over the threads of a ShardPool (Node worker threads in the CLI and benches,
 * Web Workers in the page): the networks, in run-major order, are dealt round-robin to the
 * threads, each with its own wasm MAML kernel (`kernel`, the default) or tfjs on `backend`. A network's numbers do not depend on its thread
 * (fig5Sweep.ts), so the result equals the one-thread sweep. Progress, cancel (ctx.signal) and the
 * result as runFig5Sweep.
 */
import type { JobContext } from '../../core/jobs/context';
import { JobAbortedError } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result } from '../../core/fig5/types';
import type { Fig5ShardBackend, Fig5ShardReport, ShardPool } from '../shards/shardPool';
import { fig5Result, Fig5Tracker, runMajorOrder, type Fig5ModelOut } from './fig5Sweep';

export async function runFig5SweepOn(
  pool: ShardPool,
  job: Fig5Job,
  ctx: JobContext<Fig5Progress>,
  backendChoice: Fig5ShardBackend = 'kernel',
): Promise<Fig5Result> {
  const st = job.setting;
  const order = runMajorOrder(st);
  const shards = Math.max(1, Math.min(pool.size, order.length));
  const opts = { backend: backendChoice };
  const t0 = performance.now();
  const tracker = new Fig5Tracker(st, shards);
  const outs: Fig5ModelOut[] = [];
  let backend: string = opts.backend;
  let lastReport = 0;
  const onReport = async (m: Fig5ShardReport) => {
    if (m.type === 'backend') backend = m.name;
    else if (m.type === 'training') tracker.training(m.k, m.epoch, m.loss);
    else {
      outs.push(m.out);
      tracker.scored(m.out);
    }
    if (m.type === 'scored' || performance.now() - lastReport >= 250) {
      lastReport = performance.now();
      ctx.progress(tracker.progress());
    }
  };
  const abort = new AbortController();
  const stop = () => abort.abort(new JobAbortedError());
  ctx.signal.addEventListener('abort', stop);
  try {
    const request = {
      backend: opts.backend,
      setting: st,
      testChunk: job.testChunk,
      curvePoints: job.curvePoints,
    };
    await Promise.all(
      Array.from({ length: shards }, (_, s) =>
        pool.run(
          {
            kind: 'fig5Models',
            job: request,
            items: order.filter((_, i) => i % shards === s),
          },
          onReport,
          abort.signal,
        ),
      ),
    );
  } catch (e) {
    abort.abort(e);
    throw ctx.signal.aborted ? new JobAbortedError() : e;
  } finally {
    ctx.signal.removeEventListener('abort', stop);
  }
  return fig5Result(st, outs, {
    // The kernel is WebAssembly: the tfjs-level name is wasm; `engine` says which code ran.
    backend: opts.backend === 'kernel' ? 'wasm' : backend,
    engine: backend,
    shards,
    seconds: (performance.now() - t0) / 1000,
    curvePoints: job.curvePoints,
  });
}
