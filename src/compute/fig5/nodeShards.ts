/**
 * The Fig. 5 sweep over several Node worker threads (CLI, benches): the networks, in run-major
 * order, are dealt round-robin to `shards` threads of a ShardPool (default: one per core), each
 * with its own tfjs. A network's numbers do not depend on its thread (fig5Sweep.ts), so the result
 * equals the one-thread sweep. Progress, cancel (ctx.signal) and the result as runFig5Sweep.
 */
import { availableParallelism } from 'node:os';
import type { JobContext } from '../../core/jobs/context';
import { JobAbortedError } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result } from '../../core/fig5/types';
import { nodeShardPool } from '../shards/nodeShardPool';
import type { Fig5ShardReport } from '../shards/shardPool';
import { fig5Result, Fig5Tracker, runMajorOrder, type Fig5ModelOut } from './fig5Sweep';

export async function runFig5SweepSharded(
  job: Fig5Job,
  ctx: JobContext<Fig5Progress>,
  opts: { shards?: number; backend?: 'wasm' | 'cpu' } = {},
): Promise<Fig5Result> {
  const st = job.setting;
  const order = runMajorOrder(st);
  const shards = Math.max(1, Math.min(opts.shards ?? availableParallelism(), order.length));
  const pool = nodeShardPool(shards);
  const t0 = performance.now();
  const tracker = new Fig5Tracker(st, shards);
  const outs: Fig5ModelOut[] = [];
  let backend: string = opts.backend ?? 'wasm';
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
      backend: opts.backend ?? 'wasm',
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
    backend,
    shards,
    seconds: (performance.now() - t0) / 1000,
    curvePoints: job.curvePoints,
  });
}
