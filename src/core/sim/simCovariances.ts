import { buildCovariances } from '../covariance';
import type { SimParams } from './types';

/**
 * The covariances a simulation samples from (theory.md §1): x ~ N(0, Σ), w ~ N(w0, Σw), with
 * factors Σ = L Lᵀ, Σw = Lw Lwᵀ (dense row-major p×p), and the constant matrices of the exact
 * test-loss estimator.
 */
export interface SimCovariances {
  p: number;
  /** Σ = I and Σw = ν²/p·I: every matrix product with Σ is skipped. */
  isotropic: boolean;
  /** Σw = ν²/p·I when isotropic. */
  nu: number;
  sigma?: Float64Array;
  sigmaW?: Float64Array;
  sigmaFactor?: Float64Array;
  sigmaWFactor?: Float64Array;
}

export function isotropicCovariances(p: number, nu: number): SimCovariances {
  return { p, isotropic: true, nu };
}

/** Dense covariances, e.g. from buildCovariances (Wishart, diagonal spectra). */
export function denseCovariances(
  p: number,
  nu: number,
  c: {
    sigma: Float64Array;
    sigmaW: Float64Array;
    sigmaFactor: Float64Array;
    sigmaWFactor: Float64Array;
  },
): SimCovariances {
  return { p, isotropic: false, nu, ...c };
}

/** The covariances of a job: isotropic fast path, else the shared models (Wishart Eq. 17, diagonal). */
export function covariancesForSim(p: SimParams): SimCovariances {
  if (p.cov === 'iso') return isotropicCovariances(p.p, p.nu);
  return denseCovariances(p.p, p.nu, buildCovariances(p));
}

/**
 * Constants of the exact conditional test loss (theory.md §1, general covariances):
 * L = σ²/2 (1 + αr² TrΣ²/nr) + ½ Tr[(Σw + ddᵀ) H_r], with
 * H_r = Σ(I − αrΣ)² + αr²/nr (F − Σ³), F = 2Σ³ + Σ TrΣ² (Gaussian x), i.e.
 * H_r = H0 − 2αr H1 + αr² H2, H0 = Σ, H1 = Σ², H2 = Σ³(1 + 1/nr) + Σ TrΣ²/nr.
 * tk = Tr(Σw Hk). Isotropic: H0 = H1 = I, H2 = (1 + (p+1)/nr) I.
 */
export interface ExactLossConstants {
  trSigma2: number;
  t: [number, number, number];
  /** Dense Hk (general covariances only). */
  h?: [Float64Array, Float64Array, Float64Array];
}

export function exactLossConstants(cov: SimCovariances, nr: number): ExactLossConstants {
  const { p } = cov;
  if (cov.isotropic) {
    const nu2 = cov.nu * cov.nu;
    return { trSigma2: p, t: [nu2, nu2, nu2 * (1 + (p + 1) / nr)] };
  }
  const s = cov.sigma!;
  const s2 = matMul(s, s, p);
  const s3 = matMul(s2, s, p);
  let trSigma2 = 0;
  for (let i = 0; i < p; i++) trSigma2 += s2[i * p + i];
  const h2 = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) h2[i] = s3[i] * (1 + 1 / nr) + (s[i] * trSigma2) / nr;
  const h: [Float64Array, Float64Array, Float64Array] = [s, s2, h2];
  const t = h.map((hk) => traceOfProduct(cov.sigmaW!, hk, p)) as [number, number, number];
  return { trSigma2, t, h };
}

function matMul(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k];
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) c[i * p + j] += aik * b[k * p + j];
    }
  return c;
}

/** Tr(A B) for symmetric A. */
function traceOfProduct(a: Float64Array, b: Float64Array, p: number): number {
  let t = 0;
  for (let i = 0; i < p * p; i++) t += a[i] * b[i];
  return t;
}

/** xᵀ H x for dense symmetric H (or |x|²·scale when H is undefined, the isotropic case). */
export function quadraticForm(h: Float64Array | undefined, x: Float64Array, p: number): number {
  let q = 0;
  if (!h) {
    for (let i = 0; i < p; i++) q += x[i] * x[i];
    return q;
  }
  for (let i = 0; i < p; i++) {
    let row = 0;
    const xi = x[i];
    if (xi === 0) continue;
    for (let j = 0; j < p; j++) row += h[i * p + j] * x[j];
    q += xi * row;
  }
  return q;
}
