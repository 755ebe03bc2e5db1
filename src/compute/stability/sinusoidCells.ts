/**
 * Trains a subset of the sinusoid α × β grid's cells (paper §5.2, Fig. 4a) on the wasm MAML kernel:
 * one 1-h-h-1 MLP per cell, one inner step, exact or first-order MAML, SGD with rate β. A shard of
 * the grid (see sinusoidGrid.ts) runs this on its cells; any split gives the same numbers per cell,
 * because every cell starts from the same initialization and sees the same task stream (common
 * random numbers, regenerated from the seed in each shard) and cells never interact.
 *
 * Every `reportEvery` iterations each live cell's loss is measured on a FIXED evaluation set
 * (evalTasks tasks, evalPoints query points each, drawn once): that, not the noisy training batch,
 * decides divergence. A cell is diverged once a step is refused (its parameters or adapted
 * parameters leave [−100, 100], or a loss is non-finite), or its evaluation loss is non-finite or
 * stays above its start for ABOVE_START_REPORTS reports in a row; diverged cells stop training.
 * Why "in a row": on one or a few tasks per step the evaluation loss of a slowly learning cell moves
 * by ~10 % (measured: α = 0.0075, β = 0.029, one task: 3.79 at start, 3.2–3.3 after 60 iterations,
 * one noisy report above 3.79); real divergence stays above or turns non-finite.
 */
import { createRng } from '../../core/rng';
import { isDiverged } from '../../core/stability/grid';
import type { SinusoidGridJob } from '../../core/stability/sinusoidTypes';
import { initMlpArrays } from '../nn/batchedMlp';
import { MamlMlpKernel } from '../kernels/mamlMlpKernel';
import { drawSinusoidBatch } from './sinusoidTasks';

/**
 * No fit to sines of amplitude ≤ 5 on x ∈ [−5, 5] needs weights beyond ±100; the bound keeps every
 * intermediate of the second-order step far below float32's overflow (worst case ~1e33).
 */
export const PARAM_LIMIT = 100;
/** Consecutive evaluation reports above the starting loss that count as divergence. */
export const ABOVE_START_REPORTS = 3;

/** One report of a shard: per cell of `cells` (same order), its evaluation loss or divergence. */
export interface CellsReport {
  iteration: number;
  loss: (number | null)[];
  diverged: boolean[];
}

/** The grid's cell k ↔ (alpha[⌊k / nβ⌋], beta[k mod nβ]). */
export const cellRates = (job: SinusoidGridJob, k: number) => ({
  alpha: job.alpha[Math.floor(k / job.beta.length)],
  beta: job.beta[k % job.beta.length],
});

/** The iterations at which a run of `job` reports: 0, every, 2·every, …, and the last. */
export function reportIterations(job: SinusoidGridJob): number[] {
  const every = Math.max(1, job.reportEvery ?? 10);
  const its = [0];
  for (let it = 1; it <= job.iterations; it++)
    if (it % every === 0 || it === job.iterations) its.push(it);
  return its;
}

export async function trainSinusoidCells(
  job: SinusoidGridJob,
  cells: readonly number[],
  report: (r: CellsReport) => Promise<void>,
  /** Called after every iteration (in-thread runs pass a paced checkpoint). */
  afterIteration: () => Promise<void> = async () => {},
): Promise<void> {
  const { sizes, points } = job;
  const reportAt = new Set(reportIterations(job));
  const kernel = await MamlMlpKernel.create(sizes, Math.max(points, job.evalPoints));
  const P = kernel.paramCount;
  const o = { secondOrder: job.variant === 'second-order', half: job.half, limit: PARAM_LIMIT };
  // Weight variance 1/(3·fan_in): that of PyTorch's default Linear init, which the paper's MAML
  // code most likely used; He init (2/fan_in) makes the Hessian, and so 1/α_c, several times larger.
  const init = initMlpArrays(sizes, 1, createRng(job.seed, 40), {
    weightStd: (fanIn) => 1 / Math.sqrt(3 * fanIn),
  });
  const initFlat = Float32Array.from(init.flatMap((a) => Array.from(a)));
  const evalBatch = kernel.upload(
    drawSinusoidBatch(createRng(job.seed, 44), job.evalTasks, points, job.evalPoints),
  );
  const taskRng = createRng(job.seed, 42);
  let train = kernel.upload(drawSinusoidBatch(createRng(0, 0), job.tasks, points, points));
  const base = kernel.alloc(cells.length * P);
  const theta = (i: number) => base + 4 * i * P;
  for (let i = 0; i < cells.length; i++) kernel.view(theta(i), P).set(initFlat);
  const rates = cells.map((k) => cellRates(job, k));

  const n = cells.length;
  const stopped = new Uint8Array(n);
  const diverged = new Uint8Array(n);
  const start = new Float64Array(n);
  const above = new Uint8Array(n);
  const loss: (number | null)[] = new Array(n).fill(null);

  const record = async (iteration: number) => {
    for (let i = 0; i < n; i++) {
      if (diverged[i]) continue;
      const ev = kernel.evalLoss(theta(i), rates[i].alpha, evalBatch, job.half, PARAM_LIMIT);
      if (iteration === 0) start[i] = ev;
      above[i] = isDiverged(ev, start[i]) ? above[i] + 1 : 0;
      if (stopped[i] || !Number.isFinite(ev) || above[i] >= ABOVE_START_REPORTS) diverged[i] = 1;
      loss[i] = diverged[i] ? null : ev;
    }
    await report({
      iteration,
      loss: loss.slice(),
      diverged: Array.from(diverged, Boolean),
    });
  };

  await record(0);
  for (let it = 1; it <= job.iterations; it++) {
    // Tasks are drawn even when no cell is left, so a cell's task sequence never depends on others.
    train = kernel.upload(drawSinusoidBatch(taskRng, job.tasks, points, points), train);
    for (let i = 0; i < n; i++) {
      if (diverged[i] || stopped[i]) continue;
      const l = kernel.sgdStep(theta(i), rates[i].alpha, rates[i].beta, train, o);
      if (Number.isNaN(l)) stopped[i] = 1;
    }
    if (reportAt.has(it)) await record(it);
    await afterIteration();
  }
}
