import { NormalStream } from './normalStream';
import type { SimCovariances } from './simCovariances';
import type { SimParams } from './types';

/**
 * Random draws of one simulation run (theory.md §1, "Data"). Each run has its own RNG streams of
 * the link's seed, so a run's numbers do not depend on how runs are chunked or which backend
 * consumes them: the CPU oracle and the tfjs paths see the same draws.
 */
export const TRAIN_STREAM = 1 << 20;
export const TEST_STREAM = 1 << 30;

/** The m meta-training tasks of one run, tasks stacked: X_t (m·nt×p), y_t, X_v (m·nv×p), y_v. */
export interface MetaTrainingDraw {
  xt: Float64Array;
  yt: Float64Array;
  xv: Float64Array;
  yv: Float64Array;
}

/** Test tasks of one run for the paper-style estimator; chi2[k] ~ χ²(n_s) scores task k. */
export interface TestTaskDraw {
  w: Float64Array;
  xr: Float64Array;
  zr: Float64Array;
  chi2: Float64Array;
}

type Sizes = Pick<SimParams, 'p' | 'm' | 'nt' | 'nv' | 'nr' | 'sigma' | 'w0' | 'seed'>;

/** x ~ N(0, Σ): n rows written into out at offset (row-major n×p). */
function fillInputs(
  rng: NormalStream,
  cov: SimCovariances,
  n: number,
  out: Float64Array,
  off: number,
): void {
  const { p } = cov;
  if (cov.isotropic) {
    rng.fill(out, off, n * p);
    return;
  }
  // Same draws as the isotropic case (one batch), then x = L z row by row.
  const z = rng.fill(new Float64Array(n * p));
  const l = cov.sigmaFactor!;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += l[j * p + k] * z[r * p + k];
      out[off + r * p + j] = s;
    }
}

/** w ~ N(w0·1, Σw) into out at offset. */
function fillTask(
  rng: NormalStream,
  cov: SimCovariances,
  w0: number,
  out: Float64Array,
  off: number,
): void {
  const { p } = cov;
  const xi = rng.fill(new Float64Array(p));
  if (cov.isotropic) {
    const s = cov.nu / Math.sqrt(p);
    for (let j = 0; j < p; j++) out[off + j] = w0 + s * xi[j];
    return;
  }
  const l = cov.sigmaWFactor!;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += l[j * p + k] * xi[k];
    out[off + j] = w0 + s;
  }
}

/** y = X w + σ z for n rows of X at row offset r0. */
function fillLabels(
  rng: NormalStream,
  x: Float64Array,
  r0: number,
  n: number,
  w: Float64Array,
  sigma: number,
  p: number,
  y: Float64Array,
): void {
  for (let r = r0; r < r0 + n; r++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[r * p + j] * w[j];
    y[r] = s + sigma * rng.normal();
  }
}

export function drawMetaTraining(s: Sizes, cov: SimCovariances, run: number): MetaTrainingDraw {
  const { p, m, nt, nv } = s;
  const rng = new NormalStream(s.seed, TRAIN_STREAM + run);
  const xt = new Float64Array(m * nt * p);
  const yt = new Float64Array(m * nt);
  const xv = new Float64Array(m * nv * p);
  const yv = new Float64Array(m * nv);
  const w = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    fillTask(rng, cov, s.w0, w, 0);
    fillInputs(rng, cov, nt, xt, i * nt * p);
    fillLabels(rng, xt, i * nt, nt, w, s.sigma, p, yt);
    fillInputs(rng, cov, nv, xv, i * nv * p);
    fillLabels(rng, xv, i * nv, nv, w, s.sigma, p, yv);
  }
  return { xt, yt, xv, yv };
}

export function drawTestTasks(
  s: Sizes,
  cov: SimCovariances,
  run: number,
  tasks: number,
  points: number,
): TestTaskDraw {
  const { p, nr } = s;
  const rng = new NormalStream(s.seed, TEST_STREAM + run);
  const w = new Float64Array(tasks * p);
  const xr = new Float64Array(tasks * nr * p);
  const zr = new Float64Array(tasks * nr);
  const chi2 = new Float64Array(tasks);
  for (let k = 0; k < tasks; k++) {
    fillTask(rng, cov, s.w0, w, k * p);
    fillInputs(rng, cov, nr, xr, k * nr * p);
    for (let i = 0; i < nr; i++) zr[k * nr + i] = rng.normal();
    // The scored loss on n_s fresh points given θ is (vᵀΣv + σ²)·χ²(n_s)/(2 n_s), v = w − θ.
    let c = 0;
    for (let i = 0; i < points; i++) {
      const z = rng.normal();
      c += z * z;
    }
    chi2[k] = c;
  }
  return { w, xr, zr, chi2 };
}
