/**
 * Optimal α_r, closed forms (theory.md §1 "Optimal α_r"). The loss is quadratic in α_r with a
 * positive α_r² coefficient, so its stationary point is the global minimum.
 */
import { theorem1K } from './theorem1';
import { theorem2BracketPoly, theorem2K } from './theorem2';
import { theorem3MMoments } from './theorem3';
import type { Poly } from './polynomial';
import type { SpectralTraces } from './traces';
import type { ModelSizes } from './types';

/**
 * Theorems 1 and 2 have the form L = σ²/2 (1 + α_r² p/n_r) + h_r K/2 with K = ν² + E|ω* − w0|²;
 * ∂L/∂α_r = 0 gives α_r* = K/(K(1 + (p+1)/n_r) + σ² p/n_r). Null when the loss does not depend on
 * α_r (K = σ = 0).
 */
export function optimalAlphaRFromK(
  k: number,
  s: Pick<ModelSizes, 'p' | 'nr' | 'sigma'>,
): number | null {
  const den = k * (1 + (s.p + 1) / s.nr) + (s.sigma * s.sigma * s.p) / s.nr;
  return den > 0 ? k / den : null;
}

/** α_r* for Theorem 1 (K = its square bracket). */
export function optimalAlphaRTheorem1(s: ModelSizes, alphaT: number): number | null {
  return optimalAlphaRFromK(theorem1K(s, alphaT), s);
}

/** α_r* for Theorem 2 (K = ν² + p/(h_t² n_v m){…}). */
export function optimalAlphaRTheorem2(
  s: ModelSizes,
  alphaT: number,
  bracket: Poly = theorem2BracketPoly(s),
): number | null {
  return optimalAlphaRFromK(theorem2K(s, alphaT, bracket), s);
}

/**
 * α_r* for Theorem 3: Tr(MΣ²)/(Tr(MΣ³) + Tr(M(F − Σ³))/n_r + σ² TrΣ²/n_r), M = Σw + c H_t,
 * c = n_v m {Tr(Σw H_t) + σ²[1 + α_t² TrΣ²/n_t]}/Tr(H_t)², F − Σ³ = Σ³ + Σ TrΣ² (Gaussian x).
 */
export function optimalAlphaRTheorem3(
  s: Pick<ModelSizes, 'm' | 'nt' | 'nv' | 'nr' | 'sigma'>,
  tr: SpectralTraces,
  alphaT: number,
): number | null {
  const [e1, e2, e3] = theorem3MMoments(s, tr, alphaT); // Tr(M Σ^k)
  const t2 = tr.trSigmaPow[2];
  const den = e3 + (e3 + t2 * e1) / s.nr + (s.sigma * s.sigma * t2) / s.nr;
  return den > 0 ? e2 / den : null;
}
