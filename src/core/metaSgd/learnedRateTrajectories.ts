/**
 * Three ways to learn the inner rate α_t in mixed linear regression (issue 5): what a learned rate
 * converges to depends on the objective it descends.
 * - 'freshTasks': Meta-SGD, new tasks every step. On average it descends the adaptation objective
 *   (validation loss after one step on n_t points), so α drifts to a positive rate.
 * - 'fixedTasks': Meta-SGD, full-batch on one fixed draw of m tasks. When p > n_v m the meta-training
 *   loss can reach zero for any α, so α stops moving wherever it is when the loss vanishes.
 * - 'testHyperGradient': α descends the test loss of the exact outer-loop solution ω*(α)
 *   (theory.md §1), averaged over fresh meta-training draws: it finds the negative optimum (Eq. 8).
 */
import { createRng } from '../rng';
import { solveOuterLoop } from './exactOuterSolution';
import { conditionalTestLoss, drawTasks, type LinearSetting } from './linearTasks';
import { metaSgdLossAndGrad } from './metaSgdLinear';

export type TrajectoryKind = 'freshTasks' | 'fixedTasks' | 'testHyperGradient';
export const TRAJECTORY_KINDS: readonly TrajectoryKind[] = [
  'freshTasks',
  'fixedTasks',
  'testHyperGradient',
];

export interface TrajectoryConfig {
  kind: TrajectoryKind;
  /** One rate per parameter (Meta-SGD proper) instead of one scalar α_t. */
  perParameter: boolean;
  alphaInit: number;
  /** Outer-loop learning rate of the initialization ω (Meta-SGD kinds). */
  omegaLr: number;
  /** Outer-loop learning rate of α. */
  alphaLr: number;
  /** First-order MAML meta-gradient for ω (Meta-SGD kinds). */
  firstOrder: boolean;
  /** Meta-training draws averaged per hyper-gradient step ('testHyperGradient'). */
  drawsPerStep: number;
  /** Steps between recorded points. */
  recordEvery: number;
  seed: number;
}

export interface TrajectoryPoint {
  step: number;
  alphaMean: number;
  alphaStd: number;
  /** The objective this kind descends: meta-training loss, or the test loss of ω*(α). */
  objective: number;
  /** Exact conditional test loss (theory.md §1) of the current ω (Meta-SGD kinds) or of ω*(α). */
  testLoss: number;
}

export interface TrajectoryStepper {
  readonly config: TrajectoryConfig;
  readonly alpha: Float64Array;
  readonly omega: Float64Array;
  readonly points: TrajectoryPoint[];
  step: number;
  /** Runs `count` outer steps, recording a point every `recordEvery` steps. */
  advance(count: number): void;
}

const STREAM = { freshTasks: 11, fixedTasks: 12, testHyperGradient: 13 } as const;

function meanStd(x: Float64Array) {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const v = x.length > 1 ? x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1) : 0;
  return { mean, std: Math.sqrt(v) };
}

export function startTrajectory(st: LinearSetting, cfg: TrajectoryConfig): TrajectoryStepper {
  const rng = createRng(cfg.seed, STREAM[cfg.kind]);
  const alpha = new Float64Array(cfg.perParameter ? st.p : 1).fill(cfg.alphaInit);
  const omega = new Float64Array(st.p).fill(st.omega0);
  const fixedTasks = cfg.kind === 'fixedTasks' ? drawTasks(rng, st) : null;
  const points: TrajectoryPoint[] = [];

  const oneStep = (): { objective: number; testLoss: number } => {
    if (cfg.kind === 'testHyperGradient') {
      const grad = new Float64Array(alpha.length);
      let objective = 0;
      for (let d = 0; d < cfg.drawsPerStep; d++) {
        const sol = solveOuterLoop(drawTasks(rng, st), alpha, st);
        objective += sol.testLoss / cfg.drawsPerStep;
        for (let j = 0; j < grad.length; j++) grad[j] += sol.hyperGrad[j] / cfg.drawsPerStep;
      }
      for (let j = 0; j < alpha.length; j++) alpha[j] -= cfg.alphaLr * grad[j];
      return { objective, testLoss: objective };
    }
    const tasks = fixedTasks ?? drawTasks(rng, st);
    const g = metaSgdLossAndGrad(tasks, omega, alpha, cfg.firstOrder);
    for (let j = 0; j < omega.length; j++) omega[j] -= cfg.omegaLr * g.gradOmega[j];
    for (let j = 0; j < alpha.length; j++) alpha[j] -= cfg.alphaLr * g.gradAlpha[j];
    return { objective: g.loss, testLoss: conditionalTestLoss(omega, st).loss };
  };

  const stepper: TrajectoryStepper = {
    config: cfg,
    alpha,
    omega,
    points,
    step: 0,
    advance(count: number) {
      let acc = { objective: 0, testLoss: 0, n: 0 };
      for (let k = 0; k < count; k++) {
        const r = oneStep();
        stepper.step++;
        acc = {
          objective: acc.objective + r.objective,
          testLoss: acc.testLoss + r.testLoss,
          n: acc.n + 1,
        };
        if (stepper.step % cfg.recordEvery === 0) {
          const { mean, std } = meanStd(alpha);
          points.push({
            step: stepper.step,
            alphaMean: mean,
            alphaStd: std,
            objective: acc.objective / acc.n,
            testLoss: acc.testLoss / acc.n,
          });
          acc = { objective: 0, testLoss: 0, n: 0 };
        }
      }
    },
  };
  return stepper;
}

/**
 * The final value of a noisy trajectory: the mean of α over the last `fraction` of recorded points,
 * with a batch-means standard error (10 consecutive batches, so autocorrelation is accounted for).
 */
export function tailAverageAlpha(points: readonly TrajectoryPoint[], fraction = 0.5) {
  const tail = points.slice(Math.floor(points.length * (1 - fraction))).map((p) => p.alphaMean);
  const mean = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
  const batches = Math.min(10, tail.length);
  const size = Math.floor(tail.length / batches);
  if (size < 1 || batches < 2) return { mean, stderr: NaN };
  const means = Array.from({ length: batches }, (_, b) => {
    const part = tail.slice(b * size, (b + 1) * size);
    return part.reduce((a, x) => a + x, 0) / part.length;
  });
  const bm = means.reduce((a, b) => a + b, 0) / batches;
  const v = means.reduce((a, x) => a + (x - bm) ** 2, 0) / (batches - 1);
  return { mean, stderr: Math.sqrt(v / batches) };
}

/**
 * Defaults that converge at the Fig. 2 setting in seconds. Per-parameter rates get a larger α step:
 * each α_j sees about 1/p of the scalar's gradient. Larger outer rates make fresh-task Meta-SGD
 * noisier and its ω further from w0, which raises the rate it settles at.
 */
export function defaultTrajectoryConfig(
  kind: TrajectoryKind,
  perParameter: boolean,
  seed = 1,
): TrajectoryConfig {
  const base = { kind, perParameter, alphaInit: 0.2, firstOrder: false, drawsPerStep: 4, seed };
  switch (kind) {
    case 'freshTasks':
      return { ...base, omegaLr: 0.01, alphaLr: perParameter ? 0.3 : 0.01, recordEvery: 50 };
    case 'fixedTasks':
      return { ...base, omegaLr: 0.05, alphaLr: perParameter ? 0.5 : 0.05, recordEvery: 10 };
    case 'testHyperGradient':
      return { ...base, omegaLr: 0, alphaLr: perParameter ? 30 : 2, recordEvery: 10 };
  }
}

/** Outer steps per kind for the defaults above. */
export const DEFAULT_TRAJECTORY_STEPS: Record<TrajectoryKind, number> = {
  freshTasks: 10000,
  fixedTasks: 1000,
  testHyperGradient: 1500,
};
