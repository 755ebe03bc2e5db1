import { choleskyFactor, choleskySubstitute } from '../linalg/cholesky';
import { assembleOuterSystem, type OuterSystem } from './outerSystem';

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
    out.ill[j] = choleskyFactor(a, n, l) ? 1 : 0;
    choleskySubstitute(l, n, b, out.x, j * n);
  }
  return out;
}

/**
 * Whether the outer problem sits too close to the interpolation threshold p = n_v·m for a Monte-Carlo
 * mean to be trusted: with Gaussian B, E|ω* − w0|² involves the mean of an inverse Wishart matrix,
 * finite only for |p − n_v m| ≥ 2, and its variance needs |p − n_v m| ≥ 4.
 */
export function nearInterpolationThreshold(p: number, nvm: number): boolean {
  return Math.abs(p - nvm) < 4;
}
