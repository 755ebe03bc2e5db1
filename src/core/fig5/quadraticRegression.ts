/**
 * Nonlinear regression of Bernacchia 2021 §5.4 (Fig. 5): y = (wᵀx + b)² + z with x ~ N(0, I_p),
 * w ~ N(w0·1, ν²/p · I_p), b ~ N(0, 1), z ~ N(0, σ²), learned by MAML with a 2-hidden-layer ReLU
 * network (theory.md §1, "Nonlinear regression (Fig. 5)").
 */
import { linspace as linspaceF64 } from '../linalg/linspace';
import type { Rng } from '../rng';

export interface QuadraticTaskFamily {
  p: number;
  sigma: number;
  nu: number;
  w0: number;
}

/** One task's parameters (w, b). */
export interface QuadraticTask {
  w: Float64Array;
  b: number;
}

export function drawQuadraticTask(rng: Rng, fam: QuadraticTaskFamily): QuadraticTask {
  const w = rng.fillNormal(new Float64Array(fam.p), fam.nu / Math.sqrt(fam.p));
  for (let j = 0; j < fam.p; j++) w[j] += fam.w0;
  return { w, b: rng.normal() };
}

/**
 * n labelled points of a task, written into x (row-major n × p) and y (n) at the given offsets, so
 * batches of many tasks fill one Float32Array without copies.
 */
export function sampleQuadraticPoints(
  rng: Rng,
  fam: QuadraticTaskFamily,
  task: QuadraticTask,
  n: number,
  x: Float32Array,
  xOffset: number,
  y: Float32Array,
  yOffset: number,
): void {
  const { p } = fam;
  for (let i = 0; i < n; i++) {
    let s = task.b;
    for (let j = 0; j < p; j++) {
      const v = rng.normal();
      x[xOffset + i * p + j] = v;
      s += v * task.w[j];
    }
    y[yOffset + i] = s * s + fam.sigma * rng.normal();
  }
}

/** Everything that defines one Fig. 5 sweep. */
export interface Fig5Setting extends QuadraticTaskFamily {
  nt: number;
  nv: number;
  nr: number;
  m: number;
  /** Adaptation rate at meta-test. */
  alphaR: number;
  /** Hidden width (both hidden layers). */
  width: number;
  /** Outer-loop learning rate (plain gradient descent on the m fixed tasks: one step = one epoch). */
  outerLr: number;
  epochs: number;
  /** α_t values swept, each trained for `runs` independent meta-training draws. */
  alphas: number[];
  runs: number;
  testTasks: number;
  testPoints: number;
  firstOrder: boolean;
  seed: number;
}

const FIG5_TASKS = { p: 60, sigma: 1, nu: 0.5, w0: 0, nt: 30, nv: 2, nr: 20, m: 3, alphaR: 0.01 };

/** Evenly spaced values from lo to hi inclusive. */
/** The αt values of a sweep, as a plain array (JSON jobs). */
export const linspace = (lo: number, hi: number, count: number): number[] =>
  Array.from(linspaceF64(lo, hi, count));

/**
 * The paper's αt grid: §5.4 gives no range, only the optimum −0.0075; 13 values from −0.0225 to
 * 0.0225 (step 0.00375) are symmetric about 0 and contain both 0 and −0.0075.
 */
export const FIG5_PAPER_ALPHAS: readonly [number, number, number] = [-0.0225, 0.0225, 13];

/**
 * The paper's Fig. 5 (§5.4): width 400, outer lr 0.001 for 5000 epochs, 1000 test tasks of 50
 * points, 10 runs per point (theory.md §1). ~1 h on a 2-core CPU (`npm run repro`, 2 workers).
 */
export const FIG5_PAPER: Fig5Setting = {
  ...FIG5_TASKS,
  width: 400,
  outerLr: 0.001,
  epochs: 5000,
  alphas: linspace(...FIG5_PAPER_ALPHAS),
  runs: 10,
  testTasks: 1000,
  testPoints: 50,
  firstOrder: false,
  seed: 1,
};

/**
 * The quick default (the page's, < 30 s on wasm): width 40 and a 20× larger outer lr, so the
 * meta-training loss flattens (at ~epoch 50) well within 200 epochs; 9 αt × 5 runs, 200 test tasks.
 */
export const FIG5_QUICK: Fig5Setting = {
  ...FIG5_PAPER,
  width: 40,
  outerLr: 0.02,
  epochs: 200,
  alphas: linspace(-0.06, 0.06, 9),
  runs: 5,
  testTasks: 200,
};
