/**
 * The exact conditional expectation of the test loss given the meta-trained ω* (theory.md §1,
 * "exact conditional expectation"; the integrand of the paper's Eq. 65), the simulation's oracle:
 *   L(ω*) = σ²/2 (1 + α_r² TrΣ²/n_r) + ½ Tr[(Σw + d dᵀ) H_r],  d = ω* − w0,
 * H_r = c0 Σ + c1 Σ² + c2 Σ³ (Gaussian x). Isotropic: σ²/2 (1 + α_r² p/n_r) + h_r/2 (ν² + |d|²).
 */
import type { Covariances } from '../covariance';
import { adaptationLossQuadratic } from './shorthands';
import { covarianceTraces } from './traces';
import type { ModelSizes } from './types';

type Sizes = Pick<ModelSizes, 'nr' | 'sigma' | 'nu'>;

/** y = A x for a dense symmetric row-major p×p A, or a diagonal one (only its diagonal is read). */
function matVec(a: Float64Array, x: Float64Array, p: number, diagonal: boolean): Float64Array {
  const y = new Float64Array(p);
  if (diagonal) {
    for (let i = 0; i < p; i++) y[i] = a[i * p + i] * x[i];
    return y;
  }
  for (let i = 0; i < p; i++) {
    let s = 0;
    const row = i * p;
    for (let k = 0; k < p; k++) s += a[row + k] * x[k];
    y[i] = s;
  }
  return y;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * L(ω*) as the quadratic [q0, q1, q2] in α_r (L = q0 + q1 α_r + q2 α_r²), so a whole α_r curve
 * costs one O(p²) pass. d = ω* − w0 (length p). Without `cov`, or with an isotropic one, Σ = I and
 * Σw = ν²/p I with the setting's ν.
 */
export function conditionalTestLossQuadratic(
  d: Float64Array,
  s: Sizes,
  cov?: Covariances,
): [number, number, number] {
  const p = d.length;
  if (!cov || cov.kind === 'iso') {
    const e = s.nu * s.nu + dot(d, d); // Tr[(Σw + d dᵀ) Σ^k] for every k when Σ = I
    return adaptationLossQuadratic(e, e, e, p, s.sigma, s.nr);
  }
  if (cov.p !== p)
    throw new Error(`conditionalTestLoss: d has length ${p}, covariances p = ${cov.p}`);
  const tr = covarianceTraces(cov);
  const diagonal = cov.kind === 'diag';
  const u = matVec(cov.sigma, d, p, diagonal); // Σd
  const v = matVec(cov.sigma, u, p, diagonal); // Σ²d
  const w = tr.trSigmaWSigmaPow;
  return adaptationLossQuadratic(
    w[1] + dot(d, u), // Tr(ΣwΣ) + dᵀΣd
    w[2] + dot(u, u), // Tr(ΣwΣ²) + dᵀΣ²d
    w[3] + dot(u, v), // Tr(ΣwΣ³) + dᵀΣ³d
    tr.trSigmaPow[2],
    s.sigma,
    s.nr,
  );
}

/** The exact conditional expected test loss given ω* (d = ω* − w0) after adaptation with α_r. */
export function conditionalTestLoss(
  d: Float64Array,
  alphaR: number,
  s: Sizes,
  cov?: Covariances,
): number {
  const [q0, q1, q2] = conditionalTestLossQuadratic(d, s, cov);
  return q0 + alphaR * (q1 + alphaR * q2);
}
