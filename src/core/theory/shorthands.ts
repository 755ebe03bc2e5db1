/**
 * Shorthands shared by the theorems (theory.md §1 "Shorthands" and Theorem 3).
 */
import type { Poly } from './polynomial';

/** h = (1 − α)² + α²(p + 1)/n (h_t with α_t, n_t; h_r with α_r, n_r). Always > 0. */
export function hShorthand(alpha: number, p: number, n: number): number {
  return (1 - alpha) * (1 - alpha) + (alpha * alpha * (p + 1)) / n;
}

/** hShorthand as a polynomial in α: 1 − 2α + (1 + (p + 1)/n) α². */
export function hShorthandPoly(p: number, n: number): Poly {
  return [1, -2, 1 + (p + 1) / n];
}

/**
 * Theorem 3's H = Σ(I − αΣ)² + α²/n (F − Σ³) with F − Σ³ = Σ³ + Σ TrΣ² for Gaussian x, written as
 * H = c0 Σ + c1 Σ² + c2 Σ³: returns [c0, c1, c2] = [1 + α² TrΣ²/n, −2α, α²(1 + 1/n)].
 */
export function hMatrixCoefficients(
  alpha: number,
  n: number,
  trSigma2: number,
): [number, number, number] {
  const a2 = alpha * alpha;
  return [1 + (a2 * trSigma2) / n, -2 * alpha, a2 * (1 + 1 / n)];
}

/** hMatrixCoefficients as polynomials in α. */
export function hMatrixCoefficientPolys(n: number, trSigma2: number): [Poly, Poly, Poly] {
  return [
    [1, 0, trSigma2 / n],
    [0, -2],
    [0, 0, 1 + 1 / n],
  ];
}

/**
 * The test loss after adaptation with α_r, as the quadratic q0 + q1 α_r + q2 α_r², given the
 * moments E_k = Tr(M Σ^k) (k = 1, 2, 3) of the second-moment matrix M of the initial error:
 * L = σ²/2 (1 + α_r² TrΣ²/n_r) + ½ Tr(M H_r) (theory.md §1 conditional loss; Theorem 3 with
 * M = Σw + c H_t). Isotropic case: TrΣ² = p and E_1 = E_2 = E_3 = ν² + |d|².
 */
export function adaptationLossQuadratic(
  e1: number,
  e2: number,
  e3: number,
  trSigma2: number,
  sigma: number,
  nr: number,
): [number, number, number] {
  const s2 = sigma * sigma;
  return [
    s2 / 2 + e1 / 2,
    -e2,
    (s2 * trSigma2) / (2 * nr) + (e1 * trSigma2) / (2 * nr) + (e3 * (1 + 1 / nr)) / 2,
  ];
}
