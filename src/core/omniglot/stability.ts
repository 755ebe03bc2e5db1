/**
 * Panel 3 of issue 13: the α–β stability heatmap on Omniglot (the two-learning-rates paper, §5.3,
 * Fig. 4b; runner: src/compute/omniglot/stabilityGrid.ts). Every cell of an α × β grid (log axes)
 * meta-trains its own Conv4 by exact second-order MAML with `steps` inner SGD steps at rate α and
 * plain SGD at step β outside (the paper's meta-optimizer; Adam is its Appendix E), for a fixed
 * number of iterations; its value is the MAML training loss (query cross-entropy after the inner
 * steps) on a FIXED evaluation set of meta-training tasks, not on the last noisy batch. A cell is
 * diverged when that loss is non-finite or above `divergeAbove`. Every cell starts from the same
 * initialization and sees the same task stream (common random numbers), so a cell's value is the
 * same whether it is run alone or in a grid.
 */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import type { Params } from '../params';
import { gridAxis, type StabilityGrid } from '../stability/grid';
import { sinusoidFindings, type SinusoidFindings } from '../stability/sinusoidFindings';
import type { OgTrainSetting } from './training';

export interface OgStabilityJob {
  /** Conv4 size, task shape, meta-batch, iterations, inner steps and seed (α, β come per cell). */
  setting: OgTrainSetting;
  alpha: number[];
  beta: number[];
  /** Tasks of the fixed evaluation set (meta-training classes) each cell is scored on. */
  evalTasks: number;
  /** A cell whose evaluation loss is above this (nats), or non-finite, is diverged. */
  divergeAbove: number;
}

/** One finished cell. */
export interface OgStabilityCell {
  i: number;
  j: number;
  /** Evaluation loss after training; null when diverged. */
  loss: number | null;
  diverged: boolean;
  /** Loss of the last training batch (non-finite ones kept as null). */
  lastBatchLoss: number | null;
  /** Iterations trained (fewer than asked when the training loss turned non-finite). */
  iterations: number;
}

/** The grid so far (cells not run yet: loss null, diverged false). */
export interface OgStabilityGrid extends StabilityGrid {
  /** Evaluation loss of the initialization at each α (the cells' common starting point). */
  initialLoss: (number | null)[];
}

export interface OgStabilityProgress {
  grid: OgStabilityGrid;
  /** Cells finished, of alpha.length × beta.length. */
  cells: number;
  /** Iterations of the cell in training. */
  iteration: number;
}

export interface OgStabilityResult {
  job: OgStabilityJob;
  grid: OgStabilityGrid;
  cells: OgStabilityCell[];
  /** The paper's claim read from the grid (largest stable β per α; smallest α stands for α = 0). */
  findings: SinusoidFindings;
  seconds: number;
}

/** Chance-level cross-entropy of an N-way task, for the page's text. */
export const chanceLoss = (way: number) => Math.log(way);

export function ogStabilityJob(p: Params): OgStabilityJob {
  return {
    setting: {
      filters: p.ogGridFilters,
      way: 5,
      queries: p.ogGridQueries,
      metaBatch: p.ogGridMetaBatch,
      iterations: p.ogGridIters,
      outerLr: 0,
      alphaT: 0,
      alphaR: 0,
      trainSteps: p.ogGridSteps,
      testSteps: [p.ogGridSteps],
      firstOrder: false,
      evalTasks: p.ogGridEvalTasks,
      seed: p.ogTrainSeed,
      optimizer: 'sgd',
    },
    alpha: gridAxis(p.ogGridAlpha, p.ogGridAlphaCells, 'log'),
    beta: gridAxis(p.ogGridBeta, p.ogGridBetaCells, 'log'),
    evalTasks: p.ogGridEvalTasks,
    divergeAbove: p.ogGridDiverge,
  };
}

/** The setting of one cell: SGD with step β, α inside. */
export const cellSetting = (job: OgStabilityJob, alpha: number, beta: number): OgTrainSetting => ({
  ...job.setting,
  alphaT: alpha,
  alphaR: alpha,
  outerLr: beta,
});

export const isDiverged = (loss: number, divergeAbove: number) =>
  !Number.isFinite(loss) || loss > divergeAbove;

/** An empty grid of the job's axes. */
export function emptyOgGrid(job: OgStabilityJob): OgStabilityGrid {
  const cols = () => job.beta.map(() => null);
  return {
    alpha: job.alpha,
    beta: job.beta,
    loss: job.alpha.map(cols),
    diverged: job.alpha.map(() => job.beta.map(() => false)),
    initialLoss: job.alpha.map(() => null),
  };
}

export const ogStabilityFindings = (g: OgStabilityGrid) => sinusoidFindings(g);

export const ogStabilitySpec: JobSpec<
  WithBackend<OgStabilityJob>,
  OgStabilityProgress,
  OgStabilityResult
> = {
  name: 'omniglot-stability',
  lane: 'omniglot-stability',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: ogStabilityJob(p), backend: p.backend }),
  progress: (s, { job }) => {
    const n = job.alpha.length * job.beta.length;
    const it = job.setting.iterations;
    return {
      done: s.cells * it + s.iteration,
      total: n * it,
      phase: `cell ${Math.min(n, s.cells + 1)}/${n}`,
    };
  },
};

/** The paper's Fig. 4b protocol, as it states it (two-learning-rates paper, §5.3). */
export const PAPER_FIG4B = {
  source: 'Two learning rates of MAML (ICLR 2020 submission), §5.3 and Fig. 4b',
  alpha: [1e-3, 9] as const,
  beta: [0.1, 90] as const,
  steps: 2,
  queries: 15,
  metaBatch: 32,
  iterations: 100,
  filters: 64,
  claim:
    'The largest stable β is larger when α is close to the value above which the losses diverge than at α = 0 (the dashed line).',
};
