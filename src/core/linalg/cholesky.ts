/**
 * THE Cholesky factorization of the host code (row-major Float64Array; the GPU has its own batched
 * WGSL program, src/compute/sim/webgpu). A = LLᵀ for symmetric A given by its lower triangle.
 */

/** Relative pivot below which a Float64 factorization calls its system ill-conditioned. */
export const F64_PIVOT_TOL = 1e-12;

export interface CholeskyOptions {
  /** Pivots below relTol × the largest diagonal entry count as zero. */
  relTol?: number;
  /**
   * Positive semi-definite input: a (near-)zero pivot gives a zero column, and L Lᵀ still equals
   * the matrix (an exactly dependent column). Otherwise it flags the matrix as ill-conditioned.
   */
  semidefinite?: boolean;
}

/**
 * Factors a (n×n) into the lower triangle of l (l may be a itself: in place). Returns true when a
 * pivot fell below relTol × max diagonal (not positive definite to working precision; the solution
 * of a system with it is not to be trusted, and may be NaN). With `semidefinite` it returns false.
 */
export function choleskyFactor(
  a: Float64Array,
  n: number,
  l: Float64Array = a,
  { relTol = F64_PIVOT_TOL, semidefinite = false }: CholeskyOptions = {},
): boolean {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  let ill = !semidefinite && !(maxDiag > 0);
  for (let j = 0; j < n; j++) {
    // Each a entry is read once, just before its l entry is written: in place is safe.
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    let ljj: number;
    if (semidefinite) ljj = d > relTol * maxDiag ? Math.sqrt(d) : 0;
    else {
      if (!(d > relTol * maxDiag)) {
        ill = true;
        d = Math.max(d, Number.MIN_VALUE);
      }
      ljj = Math.sqrt(d);
    }
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = ljj > 0 ? s / ljj : 0;
    }
  }
  return ill;
}

/** Solves L Lᵀ x = b by forward and back substitution, writing x at x[xo…]. */
export function choleskySubstitute(
  l: Float64Array,
  n: number,
  b: ArrayLike<number>,
  x: Float64Array = new Float64Array(n),
  xo = 0,
): Float64Array {
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
  return x;
}

/**
 * Solves A x = b for a symmetric positive-definite n×n A. Reports a system as ill-conditioned when
 * a pivot falls below `relTol` times the largest diagonal entry.
 */
export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  n: number,
  relTol = F64_PIVOT_TOL,
): { x: Float64Array; illConditioned: boolean } {
  const l = new Float64Array(n * n);
  const illConditioned = choleskyFactor(a, n, l, { relTol });
  return { x: choleskySubstitute(l, n, b), illConditioned };
}
