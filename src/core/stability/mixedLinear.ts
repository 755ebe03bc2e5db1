/**
 * Mixed linear regression (Bernacchia 2021; theory.md §1) with the outer loop trained by gradient
 * descent on ω with rate β, instead of solved exactly: which β are stable, as a function of αt
 * (negative αt included) — the bridge between the two papers.
 *
 * Meta-loss (theory.md §1): L(ω) = |γ − Bω|² / (2 n_v m), with the tasks stacked,
 *   B = P − αt Q, P = X_v, Q = X_v X_tᵀ X_t / n_t;  γ = g − αt q, g = y_v, q = X_v X_tᵀ y_t / n_t.
 * GD: ω ← ω + β Bᵀ(γ − Bω)/(n_v m). It is exact MAML (differentiated through the inner step), the
 * loss is quadratic with Hessian BᵀB/(n_v m), so GD converges iff β < β_c(αt) = 2/λ_max(BᵀB/(n_v m)).
 * Isotropic draws: x ~ N(0, I_p), w ~ N(w0·1, ν²/p I), y = xᵀw + σz; ω starts at ω0·1.
 */
import { createRng } from '../rng';
import {
  drain,
  gridRows,
  isDiverged,
  settledDiverged,
  type GridOptions,
  type GridRowsDone,
  type StabilityGrid,
} from './grid';
import { symmetricEigenvalues } from '../linalg/symmetricEigen';

export interface MixedProblemOptions {
  p: number;
  m: number;
  nt: number;
  nv: number;
  sigma: number;
  nu: number;
  w0: number;
  omega0: number;
  seed: number;
}

export interface MixedProblem {
  p: number;
  rows: number;
  P: Float64Array;
  Q: Float64Array;
  g: Float64Array;
  q: Float64Array;
  omega0: number;
}

/** One meta-training draw (stream 43 of the seed), reduced to the affine pieces of B and γ. */
export function mixedProblem(o: MixedProblemOptions): MixedProblem {
  const rng = createRng(o.seed, 43);
  const { p, m, nt, nv } = o;
  const rows = nv * m;
  const P = new Float64Array(rows * p);
  const Q = new Float64Array(rows * p);
  const g = new Float64Array(rows);
  const q = new Float64Array(rows);
  const w = new Float64Array(p);
  const xt = new Float64Array(nt * p);
  const yt = new Float64Array(nt);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < p; k++) w[k] = o.w0 + (o.nu / Math.sqrt(p)) * rng.normal();
    const label = (x: Float64Array, off: number) => {
      let s = 0;
      for (let k = 0; k < p; k++) s += x[off + k] * w[k];
      return s + o.sigma * rng.normal();
    };
    rng.fillNormal(xt);
    for (let r = 0; r < nt; r++) yt[r] = label(xt, r * p);
    for (let v = 0; v < nv; v++) {
      const row = i * nv + v;
      const xv = P.subarray(row * p, (row + 1) * p);
      rng.fillNormal(xv);
      g[row] = label(P, row * p);
      // Q row = (x_vᵀ X_tᵀ) X_t / n_t, q = (x_vᵀ X_tᵀ) y_t / n_t
      for (let r = 0; r < nt; r++) {
        let dot = 0;
        for (let k = 0; k < p; k++) dot += xv[k] * xt[r * p + k];
        dot /= nt;
        for (let k = 0; k < p; k++) Q[row * p + k] += dot * xt[r * p + k];
        q[row] += dot * yt[r];
      }
    }
  }
  return { p, rows, P, Q, g, q, omega0: o.omega0 };
}

/** B(αt) and γ(αt). */
function affine(pr: MixedProblem, alphaT: number) {
  const B = new Float64Array(pr.P.length);
  for (let i = 0; i < B.length; i++) B[i] = pr.P[i] - alphaT * pr.Q[i];
  const gamma = new Float64Array(pr.rows);
  for (let i = 0; i < pr.rows; i++) gamma[i] = pr.g[i] - alphaT * pr.q[i];
  return { B, gamma };
}

/** Non-zero-block eigenvalues of the Hessian BᵀB/(n_v m), via the smaller Gram matrix. */
export function mixedHessianEigenvalues(pr: MixedProblem, alphaT: number): number[] {
  const { B } = affine(pr, alphaT);
  const { rows, p } = pr;
  const small = Math.min(rows, p);
  const gram = new Float64Array(small * small);
  for (let i = 0; i < small; i++) {
    for (let j = i; j < small; j++) {
      let s = 0;
      if (rows <= p) for (let k = 0; k < p; k++) s += B[i * p + k] * B[j * p + k];
      else for (let r = 0; r < rows; r++) s += B[r * p + i] * B[r * p + j];
      gram[i * small + j] = gram[j * small + i] = s / rows;
    }
  }
  return symmetricEigenvalues(gram, small);
}

/** β_c(αt) = 2/λ_max (GD on a quadratic). */
export function mixedBetaCritical(pr: MixedProblem, alphaT: number): number {
  const l = mixedHessianEigenvalues(pr, alphaT);
  return 2 / l[l.length - 1];
}

export interface MixedRunResult {
  loss: number;
  startLoss: number;
  diverged: boolean;
  history?: number[];
}

/**
 * GD on ω for one (αt, β) cell. With more stacked rows than parameters (n_v·m > p) it iterates in
 * parameter space, ω ← ω − β(Aω − c) with A = BᵀB/(n_v m), c = Bᵀγ/(n_v m), and
 * L = ½ωᵀAω − cᵀω + |γ|²/(2 n_v m): the same iterates for p² instead of 2·n_v·m·p work per step.
 */
export function runMixedGd(
  pr: MixedProblem,
  alphaT: number,
  beta: number,
  iterations: number,
  history = false,
  form: 'auto' | 'residual' | 'parameter' = 'auto',
): MixedRunResult {
  return mixedRowRunner(pr, alphaT, form)(beta, iterations, history);
}

/**
 * A runner for every β at one αt: B, γ (and A, c in parameter space) depend on αt only, so a grid
 * row computes them once.
 */
export function mixedRowRunner(
  pr: MixedProblem,
  alphaT: number,
  form: 'auto' | 'residual' | 'parameter' = 'auto',
): (beta: number, iterations: number, history?: boolean) => MixedRunResult {
  const { B, gamma } = affine(pr, alphaT);
  const parameterSpace = form === 'auto' ? pr.rows > pr.p : form === 'parameter';
  if (!parameterSpace) {
    return (beta, iterations, history = false) =>
      gdOnResiduals(pr, B, gamma, beta, iterations, history);
  }
  const normal = normalEquations(pr, B, gamma);
  return (beta, iterations, history = false) =>
    gdInParameterSpace(pr, normal, beta, iterations, history);
}

function finish(startLoss: number, loss: number, curve: number[] | undefined): MixedRunResult {
  return { loss, startLoss, diverged: isDiverged(loss, startLoss), history: curve };
}

function gdOnResiduals(
  pr: MixedProblem,
  B: Float64Array,
  gamma: Float64Array,
  beta: number,
  iterations: number,
  history: boolean,
): MixedRunResult {
  const { rows, p } = pr;
  const omega = new Float64Array(p).fill(pr.omega0);
  const resid = new Float64Array(rows);
  const residual = () => {
    let s = 0;
    for (let r = 0; r < rows; r++) {
      let d = gamma[r];
      for (let k = 0; k < p; k++) d -= B[r * p + k] * omega[k];
      resid[r] = d;
      s += d * d;
    }
    return s / (2 * rows);
  };
  const startLoss = residual();
  const curve = history ? [startLoss] : undefined;
  let loss = startLoss;
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += B[r * p + k] * resid[r];
      omega[k] += (beta * s) / rows;
    }
    loss = residual();
    curve?.push(loss);
    if (!Number.isFinite(loss) || (!history && settledDiverged(loss, startLoss))) break;
  }
  return finish(startLoss, loss, curve);
}

interface NormalEquations {
  A: Float64Array;
  c: Float64Array;
  /** |γ|² */
  gg: number;
}

function normalEquations(pr: MixedProblem, B: Float64Array, gamma: Float64Array): NormalEquations {
  const { rows, p } = pr;
  const A = new Float64Array(p * p);
  const c = new Float64Array(p);
  let gg = 0;
  for (let r = 0; r < rows; r++) {
    gg += gamma[r] * gamma[r];
    for (let i = 0; i < p; i++) {
      const bi = B[r * p + i];
      c[i] += (bi * gamma[r]) / rows;
      for (let j = 0; j < p; j++) A[i * p + j] += (bi * B[r * p + j]) / rows;
    }
  }
  return { A, c, gg };
}

function gdInParameterSpace(
  pr: MixedProblem,
  { A, c, gg }: NormalEquations,
  beta: number,
  iterations: number,
  history: boolean,
): MixedRunResult {
  const { rows, p } = pr;
  const omega = new Float64Array(p).fill(pr.omega0);
  const grad = new Float64Array(p);
  // Returns the loss and leaves ∇L = Aω − c in grad.
  const evaluate = () => {
    let quad = 0;
    let lin = 0;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += A[i * p + j] * omega[j];
      grad[i] = s - c[i];
      quad += omega[i] * s;
      lin += c[i] * omega[i];
    }
    return 0.5 * quad - lin + gg / (2 * rows);
  };
  const startLoss = evaluate();
  const curve = history ? [startLoss] : undefined;
  let loss = startLoss;
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < p; i++) omega[i] -= beta * grad[i];
    loss = evaluate();
    curve?.push(loss);
    if (!Number.isFinite(loss) || (!history && settledDiverged(loss, startLoss))) break;
  }
  return finish(startLoss, loss, curve);
}

export interface MixedGridOptions extends MixedProblemOptions, GridOptions {}

export function* mixedStabilityGridRows(
  o: MixedGridOptions,
): Generator<GridRowsDone, StabilityGrid & { problem: MixedProblem }, void> {
  const problem = mixedProblem(o);
  const grid = yield* gridRows(o, (alpha) => {
    const run = mixedRowRunner(problem, alpha);
    return (beta) => run(beta, o.iterations);
  });
  return { ...grid, problem };
}

export const mixedStabilityGrid = (o: MixedGridOptions) => drain(mixedStabilityGridRows(o));
