/**
 * The sinusoid α × β grid (paper §5.2, Fig. 4a) as a job: the cells are split over the threads of a
 * ShardPool (cell k → shard k mod S, so early-diverging high-β cells spread evenly), each shard
 * trains its cells on the wasm MAML kernel (sinusoidCells.ts), and this coordinator merges the
 * shards' reports into one heatmap per report iteration. A cell's numbers do not depend on the
 * split (tested: 1 shard = 2 shards = the tfjs autodiff engine within float32 rounding).
 */
import type { JobRunner } from '../../core/jobs/context';
import type {
  SinusoidGridJob,
  SinusoidGridPartial,
  SinusoidGridResult,
} from '../../core/stability/sinusoidTypes';
import type { ShardPool } from '../shards/shardPool';
import { defaultKernelBuild } from '../kernels/mamlMlpKernel';
import type { CellsReport } from './sinusoidCells';

const toGrid = <T>(flat: ArrayLike<T>, rows: number, cols: number): T[][] =>
  Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => flat[i * cols + j]),
  );

export function sinusoidGridRunnerOn(
  pool: ShardPool,
): JobRunner<SinusoidGridJob, SinusoidGridPartial, SinusoidGridResult> {
  return async (job, ctx) => {
    const [na, nb] = [job.alpha.length, job.beta.length];
    const cells = na * nb;
    const shards = Math.max(1, Math.min(pool.size, cells));
    const parts = Array.from({ length: shards }, (_, s) =>
      Array.from({ length: Math.ceil((cells - s) / shards) }, (_, i) => s + i * shards),
    );
    // The shards' build: the same engine (and V8 flags) as this thread.
    const engine = `wasm MAML kernel (${defaultKernelBuild()}), ${shards} ${shards === 1 ? 'thread' : 'threads'} (${pool.label})`;
    const loss: (number | null)[] = new Array(cells).fill(null);
    const diverged: boolean[] = new Array(cells).fill(false);
    const curves: (number | null)[][] = Array.from({ length: cells }, () => []);
    const curveIterations: number[] = [];
    const started = performance.now();

    // One barrier per report iteration: released when every shard has sent it and the
    // checkpoint (pause / cancel) has passed.
    const barriers = new Map<number, { count: number; open: () => void; release: Promise<void> }>();
    const merge = async (iteration: number) => {
      curveIterations.push(iteration);
      loss.forEach((v, k) => curves[k].push(v));
      ctx.progress({
        iteration,
        iterations: job.iterations,
        loss: toGrid(loss, na, nb),
        diverged: toGrid(diverged, na, nb),
        engine,
      });
      await ctx.checkpoint();
    };
    const onReport = (s: number) => (r: CellsReport) => {
      parts[s].forEach((k, i) => {
        loss[k] = r.loss[i];
        diverged[k] = r.diverged[i];
      });
      let b = barriers.get(r.iteration);
      if (!b) {
        let open = () => {};
        const ready = new Promise<void>((res) => (open = res));
        b = { count: 0, open, release: ready.then(() => merge(r.iteration)) };
        barriers.set(r.iteration, b);
      }
      if (++b.count === shards) {
        b.open();
        barriers.delete(r.iteration);
      }
      return b.release;
    };

    const abort = new AbortController();
    const stop = () => abort.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', stop);
    try {
      await Promise.all(
        parts.map((items, s) =>
          pool.run({ kind: 'sinusoidCells', job, items }, onReport(s), abort.signal),
        ),
      );
    } catch (e) {
      abort.abort(e); // one shard failed or was cancelled: stop the others
      throw e;
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
    return {
      alpha: job.alpha,
      beta: job.beta,
      loss: toGrid(loss, na, nb),
      diverged: toGrid(diverged, na, nb),
      variant: job.variant,
      curveIterations,
      curves: toGrid(curves, na, nb),
      engine,
      seconds: (performance.now() - started) / 1000,
    };
  };
}
