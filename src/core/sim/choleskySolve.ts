import { assembleOuterSystem, type OuterSystem } from './outerSystem';

/** Relative pivot below which a Float64 Cholesky factorization calls its system ill-conditioned. */
export const F64_PIVOT_TOL = 1e-12;

/** The solutions of a run's outer system at every solved αt: x_j = x[j·dim, (j+1)·dim). */
export interface AlphaSolutions {
  dim: number;
  x: Float64Array;
  /** 1 where the system at αt_j was numerically singular. */
  ill: Uint8Array;
}

/** Solves A(αt) x = b(αt) at every αt of a run, on the host, into one buffer. */
export function solveAtEveryAlpha(sys: OuterSystem, alphas: readonly number[]): AlphaSolutions {
  const n = sys.dim;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const l = new Float64Array(n * n);
  const out = {
    dim: n,
    x: new Float64Array(alphas.length * n),
    ill: new Uint8Array(alphas.length),
  };
  for (let j = 0; j < alphas.length; j++) {
    assembleOuterSystem(sys, alphas[j], a, b);
    out.ill[j] = choleskySolveInto(a, b, n, F64_PIVOT_TOL, l, out.x, j * n) ? 1 : 0;
  }
  return out;
}

/**
 * Solves A x = b for a symmetric positive-definite n×n A (row-major) by Cholesky. Reports a system
 * as ill-conditioned when a pivot falls below `relTol` times the largest diagonal entry (then the
 * solution is not to be trusted, and may be NaN).
 */
export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  n: number,
  relTol = F64_PIVOT_TOL,
): { x: Float64Array; illConditioned: boolean } {
  const x = new Float64Array(n);
  const ill = choleskySolveInto(a, b, n, relTol, new Float64Array(n * n), x, 0);
  return { x, illConditioned: ill };
}

/** choleskySolve with caller-owned scratch l (n×n) and x written at x[xo…]; returns "ill". */
function choleskySolveInto(
  a: Float64Array,
  b: Float64Array,
  n: number,
  relTol: number,
  l: Float64Array,
  x: Float64Array,
  xo: number,
): boolean {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  let ill = !(maxDiag > 0);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > relTol * maxDiag)) {
      ill = true;
      d = Math.max(d, Number.MIN_VALUE);
    }
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[xo + k];
    x[xo + i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[xo + i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[xo + k];
    x[xo + i] = s / l[i * n + i];
  }
  return ill;
}

/**
 * Whether the outer problem sits too close to the interpolation threshold p = n_v·m for a Monte-Carlo
 * mean to be trusted: with Gaussian B, E|ω* − w0|² involves the mean of an inverse Wishart matrix,
 * finite only for |p − n_v m| ≥ 2, and its variance needs |p − n_v m| ≥ 4.
 */
export function nearInterpolationThreshold(p: number, nvm: number): boolean {
  return Math.abs(p - nvm) < 4;
}
