/**
 * The Fig. 5 sweep on Node worker threads (CLI, benches, tests): one per core by default, each on
 * the wasm MAML kernel unless a tfjs backend is asked for.
 */
import { availableParallelism } from 'node:os';
import type { JobContext } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result } from '../../core/fig5/types';
import { nodeShardPool } from '../shards/nodeShardPool';
import type { Fig5ShardBackend } from '../shards/shardPool';
import { runFig5SweepOn } from './fig5Sharded';

export function runFig5SweepSharded(
  job: Fig5Job,
  ctx: JobContext<Fig5Progress>,
  opts: { shards?: number; backend?: Fig5ShardBackend } = {},
): Promise<Fig5Result> {
  return runFig5SweepOn(
    nodeShardPool(opts.shards ?? availableParallelism()),
    job,
    ctx,
    opts.backend ?? 'kernel',
  );
}
