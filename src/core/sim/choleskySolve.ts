import { assembleOuterSystem, type OuterSystem } from './outerSystem';

/**
 * Solves A x = b for a symmetric positive-definite n×n A (row-major) by Cholesky, in place of a
 * scratch copy. Reports a system as ill-conditioned when a pivot falls below `relTol` times the
 * largest diagonal entry (then the solution is not to be trusted, and may be NaN).
 */
export const F64_PIVOT_TOL = 1e-12;

/** Solves A(αt) x = b(αt) at every αt of a run, on the host; the x's share one buffer. */
export function solveAtEveryAlpha(
  sys: OuterSystem,
  alphas: readonly number[],
): { x: Float64Array; illConditioned: boolean }[] {
  const n = sys.dim;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const scratch = new Float64Array(n * n);
  const xs = new Float64Array(alphas.length * n);
  return alphas.map((alpha, j) => {
    assembleOuterSystem(sys, alpha, a, b);
    return choleskySolve(a, b, n, F64_PIVOT_TOL, scratch, xs.subarray(j * n, (j + 1) * n));
  });
}

export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  n: number,
  relTol = F64_PIVOT_TOL,
  scratch: Float64Array = new Float64Array(n * n),
  x: Float64Array = new Float64Array(n),
): { x: Float64Array; illConditioned: boolean } {
  const l = scratch;
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
  x.set(b.subarray(0, n));
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return { x, illConditioned: ill };
}

/**
 * Whether the outer problem sits too close to the interpolation threshold p = n_v·m for a Monte-Carlo
 * mean to be trusted: with Gaussian B, E|ω* − w0|² involves the mean of an inverse Wishart matrix,
 * finite only for |p − n_v m| ≥ 2, and its variance needs |p − n_v m| ≥ 4.
 */
export function nearInterpolationThreshold(p: number, nvm: number): boolean {
  return Math.abs(p - nvm) < 4;
}
