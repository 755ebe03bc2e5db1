/**
 * The paper's single-task linear regression (§3.1 setting, §5.1 experiment, Fig. 3): one task
 * y = a·x + b, a, b ~ U[0, 5], x ~ U[−5, 5], model θ1·x + θ2, full-batch gradient descent on the
 * MAML loss with the SAME data for inner and outer steps, θ starting at 0. Float64, two parameters,
 * so a whole α × β grid is cheap in plain TypeScript.
 *
 * Loss L(θ) = c · mean_i (θ1 x_i + θ2 − y_i)², c = 1 (plain MSE) or ½. With φ = (x, 1):
 * H = (2c/n) Σ φφᵀ, ∇L(θ) = H(θ − θ*), θ* = (a, b). One MAML iteration (theory.md §2):
 *   θ' = θ − α∇L(θ);  first order θ ← θ − β∇L(θ');  second order θ ← θ − β(I − αH)∇L(θ').
 * The loss recorded is the MAML objective L(θ') (what the outer loop minimizes).
 */
import { createRng } from '../rng';
import type { MamlVariant } from './boundaries';
import { symmetricEigenvalues } from '../linalg/symmetricEigen';
import {
  drain,
  gridRows,
  isDiverged,
  settledDiverged,
  type GridOptions,
  type GridRowsDone,
  type StabilityGrid,
} from './grid';

export interface LinearTaskOptions {
  points: number;
  seed: number;
  /** true: ½ MSE; false: plain MSE (the reading under which α_c falls inside the paper's α range). */
  half: boolean;
}

export interface LinearTask {
  a: number;
  b: number;
  x: Float64Array;
  y: Float64Array;
  /** Hessian entries [[hxx, hx1], [hx1, h11]] of L (constant: the loss is quadratic). */
  hxx: number;
  hx1: number;
  h11: number;
  /** Hessian eigenvalues, ascending. */
  eigenvalues: [number, number];
  half: boolean;
}

/** Draws the task and its data from the seed (stream 41 of the link's seed: this view's own). */
export function linearTask(opts: LinearTaskOptions): LinearTask {
  const rng = createRng(opts.seed, 41);
  const a = 5 * rng.uniform();
  const b = 5 * rng.uniform();
  const n = Math.max(1, Math.round(opts.points));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 10 * rng.uniform() - 5;
    y[i] = a * x[i] + b;
  }
  const k = (2 * (opts.half ? 0.5 : 1)) / n;
  let sxx = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sxx += x[i] * x[i];
    sx += x[i];
  }
  const [hxx, hx1, h11] = [k * sxx, k * sx, k * n];
  return {
    a,
    b,
    x,
    y,
    hxx,
    hx1,
    h11,
    eigenvalues: symmetricEigenvalues(Float64Array.of(hxx, hx1, hx1, h11), 2) as [number, number],
    half: opts.half,
  };
}

/** L(θ) = c · mean (θ1 x + θ2 − y)² */
export function linearLoss(task: LinearTask, t1: number, t2: number): number {
  let s = 0;
  for (let i = 0; i < task.x.length; i++) {
    const r = t1 * task.x[i] + t2 - task.y[i];
    s += r * r;
  }
  return ((task.half ? 0.5 : 1) * s) / task.x.length;
}

export interface LinearRunOptions {
  alpha: number;
  beta: number;
  iterations: number;
  variant: MamlVariant;
  /** Record the loss after every iteration (the cell's training curve). */
  history?: boolean;
}

export interface LinearRunResult {
  /** MAML loss L(θ') after the last iteration (non-finite if it blew up). */
  loss: number;
  startLoss: number;
  diverged: boolean;
  /** Loss at iterations 0..n (up to divergence), when asked for. */
  history?: number[];
}

/** Full-batch GD on the MAML loss for one (α, β) cell. */
export function runLinearMaml(task: LinearTask, o: LinearRunOptions): LinearRunResult {
  const { hxx, hx1, h11, a, b } = task;
  // Everything is affine in the error e = θ − θ*, and L(θ) = ½ eᵀHe exactly (zero residual at θ*).
  const lossOf = (e1: number, e2: number) =>
    0.5 * (e1 * (hxx * e1 + hx1 * e2) + e2 * (hx1 * e1 + h11 * e2));
  let e1 = -a;
  let e2 = -b;
  const adapted = (): [number, number] => [
    e1 - o.alpha * (hxx * e1 + hx1 * e2),
    e2 - o.alpha * (hx1 * e1 + h11 * e2),
  ];
  let [p1, p2] = adapted();
  const startLoss = lossOf(p1, p2);
  const history = o.history ? [startLoss] : undefined;
  let loss = startLoss;
  for (let it = 0; it < o.iterations; it++) {
    let g1 = hxx * p1 + hx1 * p2; // ∇L(θ') = H e'
    let g2 = hx1 * p1 + h11 * p2;
    if (o.variant === 'second-order') {
      [g1, g2] = [g1 - o.alpha * (hxx * g1 + hx1 * g2), g2 - o.alpha * (hx1 * g1 + h11 * g2)];
    }
    e1 -= o.beta * g1;
    e2 -= o.beta * g2;
    [p1, p2] = adapted();
    loss = lossOf(p1, p2);
    history?.push(loss);
    if (!Number.isFinite(loss) || (!o.history && settledDiverged(loss, startLoss))) break;
  }
  return { loss, startLoss, diverged: isDiverged(loss, startLoss), history };
}

export interface LinearGridOptions extends LinearTaskOptions, GridOptions {
  variant: MamlVariant;
}

/** Every cell of the α × β grid (loss[i][j] for alpha[i], beta[j]), row by row. */
export function* linearStabilityGridRows(
  o: LinearGridOptions,
): Generator<GridRowsDone, StabilityGrid & { task: LinearTask }, void> {
  const task = linearTask(o);
  const grid = yield* gridRows(
    o,
    (alpha) => (beta) =>
      runLinearMaml(task, { alpha, beta, iterations: o.iterations, variant: o.variant }),
  );
  return { ...grid, task };
}

export const linearStabilityGrid = (o: LinearGridOptions) => drain(linearStabilityGridRows(o));
