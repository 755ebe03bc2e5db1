/**
 * Theorem 2 (Bernacchia 2021 Eq. 9, derived as Eq. 97/108; theory.md §1): underparameterized
 * p < n_v·m, isotropic covariances, asymptotic in large m (or n_t, n_v). The paper's Eq. 97 prints
 * "p g3" in the last bracket; it is p g4, as in its Eq. 108. Eq. 10: the slope at α_t = 0.
 */
import { polyAdd, polyEval, polyMul, polyScale, type Poly } from './polynomial';
import { hShorthand, hShorthandPoly } from './shorthands';
import type { ModelSizes } from './types';

/** Moments μ of the Wishart-like products in Theorem 2 (theory.md §1), with n = n_t. */
export function theorem2Moments(n: number, p: number) {
  return {
    mu2: (n + p + 1) / n,
    mu3: (n * n + p * p + 3 * n * p + 3 * n + 3 * p + 4) / (n * n),
    mu4:
      (n ** 3 +
        p ** 3 +
        6 * n * n * p +
        6 * n * p * p +
        6 * n * n +
        6 * p * p +
        17 * n * p +
        21 * n +
        21 * p +
        20) /
      n ** 3,
    mu11: (n * n * p + 2 * n) / (n * n * p),
    mu21: (n * n * p + n * p * p + n * p + 4 * n + 4 * p + 4) / (n * n * p),
    mu22:
      (n ** 3 * p +
        n * p ** 3 +
        2 * n * n * p * p +
        2 * n * n * p +
        2 * n * p * p +
        8 * n * n +
        8 * p * p +
        21 * n * p +
        20 * n +
        20 * p +
        20) /
      (n ** 3 * p),
  };
}

/** g1…g4 of Theorem 2 as polynomials in a = α_t. */
export function theorem2GPolys(n: number, p: number): { g1: Poly; g2: Poly; g3: Poly; g4: Poly } {
  const { mu2, mu3, mu4, mu11, mu21, mu22 } = theorem2Moments(n, p);
  return {
    g1: [1, -2 * mu2, mu3],
    g2: [1, -2 * mu11, mu21],
    g3: [1, -4, 6 * mu2, -4 * mu3, mu4],
    g4: [1, -4, 2 * mu2 + 4 * mu11, -4 * mu21, mu22],
  };
}

/**
 * The curly bracket of Theorem 2 as a polynomial in a = α_t (degree 4):
 * N(a) = σ² [h_t + a²/n ((n_v+1) g1 + p g2)] + ν²/p [(n_v+1) g3 + p g4].
 */
export function theorem2BracketPoly(s: ModelSizes): Poly {
  const n = s.nt;
  const p = s.p;
  const { g1, g2, g3, g4 } = theorem2GPolys(n, p);
  const noise = polyAdd(
    hShorthandPoly(p, n),
    polyMul([0, 0, 1 / n], polyAdd(polyScale(g1, s.nv + 1), polyScale(g2, p))),
  );
  const spread = polyAdd(polyScale(g3, s.nv + 1), polyScale(g4, p));
  return polyAdd(polyScale(noise, s.sigma * s.sigma), polyScale(spread, (s.nu * s.nu) / p));
}

/** K = ν² + E|ω* − w0|² = ν² + p N(α_t)/(h_t² n_v m) (theory.md "Optimal α_r"). */
export function theorem2K(
  s: ModelSizes,
  alphaT: number,
  bracket: Poly = theorem2BracketPoly(s),
): number {
  const ht = hShorthand(alphaT, s.p, s.nt);
  return s.nu * s.nu + (s.p * polyEval(bracket, alphaT)) / (ht * ht * s.nv * s.m);
}

/**
 * Theorem 2 (Eq. 9/108): L = σ²/2 (1 + α_r² p/n_r) + h_r ν²/2 + h_r p/(2 h_t² n_v m) · N(α_t).
 * Independent of w0 and ω0 (the least-squares ω* − w0 does not depend on them).
 */
export function theorem2Loss(
  s: ModelSizes,
  alphaT: number,
  alphaR: number,
  bracket: Poly = theorem2BracketPoly(s),
): number {
  const hr = hShorthand(alphaR, s.p, s.nr);
  return (
    ((s.sigma * s.sigma) / 2) * (1 + (alphaR * alphaR * s.p) / s.nr) +
    (hr / 2) * theorem2K(s, alphaT, bracket)
  );
}

/** Eq. 10 (corrected: the printed version lacks h_r): ∂L/∂α_t at α_t = 0 equals h_r σ² p/(n_v m). */
export function eq10SlopeAtZero(s: ModelSizes, alphaR: number): number {
  return (hShorthand(alphaR, s.p, s.nr) * s.sigma * s.sigma * s.p) / (s.nv * s.m);
}
