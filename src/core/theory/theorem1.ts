/**
 * Theorem 1 (Bernacchia 2021 Eq. 5; theory.md §1): overparameterized p > n_v·m, isotropic
 * covariances, asymptotic in large p and n_t. Eq. 8: its stationary points in α_t.
 */
import { hShorthand } from './shorthands';
import type { ModelSizes } from './types';

/**
 * The square bracket of Theorem 1, K = ν² + E|ω* − w0|² (the loss is σ²/2(1 + α_r² p/n_r) + h_r K/2):
 * K = (1 + n_v m/p) ν² + (1 − n_v m/p)|ω0 − w0|² + σ² (n_v m/p)(1 + α_t² p/n_t)/h_t.
 */
export function theorem1K(s: ModelSizes, alphaT: number): number {
  const ratio = (s.nv * s.m) / s.p;
  const dist2 = s.p * (s.omega0 - s.w0) ** 2; // constant vectors: |ω0 − w0|² = p (ω0 − w0)²
  const ht = hShorthand(alphaT, s.p, s.nt);
  const s2 = s.sigma * s.sigma;
  return (
    (1 + ratio) * s.nu * s.nu +
    (1 - ratio) * dist2 +
    (s2 * ratio * (1 + (alphaT * alphaT * s.p) / s.nt)) / ht
  );
}

/** Theorem 1 (Eq. 5): L = σ²/2 (1 + α_r² p/n_r) + h_r/2 · K(α_t). */
export function theorem1Loss(s: ModelSizes, alphaT: number, alphaR: number): number {
  const hr = hShorthand(alphaR, s.p, s.nr);
  return (
    ((s.sigma * s.sigma) / 2) * (1 + (alphaR * alphaR * s.p) / s.nr) +
    (hr / 2) * theorem1K(s, alphaT)
  );
}

/**
 * Eq. 8: the stationary points of Theorem 1 in α_t, roots of p a² + (n_t + 1) a − n_t = 0:
 * α_t± = −(n_t+1)/(2p) ± √((n_t+1)²/(4p²) + n_t/p). α_t⁻ < 0 is the global minimum, α_t⁺ > 0 the
 * maximum. α_t⁺ is taken from the product of the roots (−n_t/p) to avoid cancellation.
 */
export function eq8AlphaTStationaryPoints(p: number, nt: number): { minus: number; plus: number } {
  const b = (nt + 1) / (2 * p);
  const minus = -b - Math.sqrt(b * b + nt / p);
  return { minus, plus: -nt / p / minus };
}

/** ∂L/∂α_t at α_t = 0 for Theorem 1: (h_r/2) σ² (n_v m/p) · 2, since d/da[(1 + a²p/n)/h_t] = 2 at 0. */
export function theorem1SlopeAtZero(s: ModelSizes, alphaR: number): number {
  return (hShorthand(alphaR, s.p, s.nr) * s.sigma * s.sigma * s.nv * s.m) / s.p;
}
