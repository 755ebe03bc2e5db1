/**
 * Closed-form stability of MAML's two learning rates on a quadratic loss with Hessian eigenvalues
 * λ_i, inner and outer steps on the same data (theory.md §2; the OCR'd paper's Eqs. 11, 16–19).
 *
 * Along eigenvector i the outer gradient-descent step multiplies the error by
 *   first order  (paper Eq. 16): 1 − β λ_i (1 − α λ_i)      [update matrix I − βH(I − αH)]
 *   second order (exact MAML):   1 − β λ_i (1 − α λ_i)²     [update matrix I − βH(I − αH)²]
 * and GD converges iff every factor has modulus < 1, i.e. β < β_c(α) = min_i β_c,i(α) with
 *   first order  (Eq. 18): β_c,i = 2 / (λ_i − α λ_i²)  while λ_i − α λ_i² > 0 (else no β > 0 works)
 *   second order:          β_c,i = 2 / (λ_i (1 − α λ_i)²) (infinite at α = 1/λ_i: a flat direction).
 * α_c = 1/λ_max (Eq. 11): the fixed point is a minimum of the first-order surrogate only for α < α_c.
 */

export type MamlVariant = 'first-order' | 'second-order';

/** How much the inner step shrinks curvature λ: (1 − αλ) first order, (1 − αλ)² second order. */
export function curvatureFactor(alpha: number, lambda: number, variant: MamlVariant): number {
  const s = 1 - alpha * lambda;
  return variant === 'first-order' ? s : s * s;
}

/** Error multiplier of one outer step along an eigenvector of eigenvalue λ. */
export function updateFactor(
  alpha: number,
  beta: number,
  lambda: number,
  variant: MamlVariant,
): number {
  return 1 - beta * lambda * curvatureFactor(alpha, lambda, variant);
}

/** Largest |update factor| over the spectrum: GD converges iff < 1. */
export function spectralRadius(
  alpha: number,
  beta: number,
  lambdas: readonly number[],
  variant: MamlVariant,
): number {
  let rho = 0;
  for (const l of lambdas) rho = Math.max(rho, Math.abs(updateFactor(alpha, beta, l, variant)));
  return rho;
}

/**
 * β_c,i(α) for one eigenvalue λ > 0 (Eq. 18 first order; exact second order). 0 when no positive β
 * is stable (first order, α > 1/λ); Infinity where the direction is flat (second order, α = 1/λ).
 */
export function betaCriticalForEigenvalue(
  alpha: number,
  lambda: number,
  variant: MamlVariant,
): number {
  const effective = lambda * curvatureFactor(alpha, lambda, variant);
  if (effective > 0) return 2 / effective;
  return effective === 0 ? Infinity : 0;
}

/** β_c(α) = min over the spectrum (Eq. 19). */
export function betaCritical(alpha: number, lambdas: readonly number[], variant: MamlVariant) {
  let b = Infinity;
  for (const l of lambdas) if (l > 0) b = Math.min(b, betaCriticalForEigenvalue(alpha, l, variant));
  return b;
}

/** α_c = 1/λ_max (Eq. 11). */
export function alphaCritical(lambdas: readonly number[]): number {
  return 1 / Math.max(...lambdas);
}
