/**
 * Closed-form theory of MAML on mixed linear regression (Bernacchia, ICLR 2021), as written out and
 * corrected in docs/theory.md §1. Pure TypeScript, no dependencies beyond src/core.
 *
 * Which file implements which equation:
 * - shorthands.ts      h_t, h_r; H = c0Σ + c1Σ² + c2Σ³ (Thm 3); the test loss as a quadratic in α_r
 * - theorem1.ts        Theorem 1 (Eq. 5, p > n_v m, isotropic); Eq. 8 stationary points α_t±
 * - theorem2.ts        Theorem 2 (Eq. 9/108, p < n_v m, isotropic; "p g4" fix); Eq. 10 slope at α_t = 0
 * - theorem3.ts        Theorem 3 (general Σ, Σw; p > n_v m, w0 = ω0 = 0)
 * - traces.ts          TrΣ^k (k ≤ 6), Tr(Σw Σ^k) (k ≤ 3) precomputed for Theorem 3
 * - optimalAlphaR.ts   closed-form argmin over α_r (theory.md "Optimal α_r"), Thms 1–3
 * - argmin.ts          exact argmin over α_t: Eq. 8 (Thm 1); real roots of the derivative's
 *                      numerator polynomial (Thms 2, 3)
 * - polynomial.ts      coefficient-array arithmetic and sign-change real roots
 * - conditionalLoss.ts exact conditional expected test loss given ω* (Eq. 65 integrand)
 * - model.ts           prepareTheory: theorem selection, validity flags, precompute, curves
 * Covariance models (iso, Wishart Eq. 17, diagonal) are in ../covariance.ts.
 */
export * from './types';
export {
  hShorthand,
  hShorthandPoly,
  hMatrixCoefficients,
  adaptationLossQuadratic,
} from './shorthands';
export {
  theorem1Loss,
  theorem1K,
  eq8AlphaTStationaryPoints,
  theorem1SlopeAtZero,
} from './theorem1';
export {
  theorem2GPolys,
  theorem2Loss,
  theorem2K,
  theorem2BracketPoly,
  theorem2Moments,
  eq10SlopeAtZero,
} from './theorem2';
export {
  theorem3Loss,
  theorem3HtWeight,
  theorem3AlphaTForm,
  theorem3MMoments,
  evalTheorem3AlphaTForm,
  type Theorem3AlphaTForm,
} from './theorem3';
export { covarianceTraces, denseTraces, diagonalTraces, type SpectralTraces } from './traces';
export {
  optimalAlphaRFromK,
  optimalAlphaRTheorem1,
  optimalAlphaRTheorem2,
  optimalAlphaRTheorem3,
} from './optimalAlphaR';
export {
  argminRatio,
  optimalAlphaTTheorem1,
  optimalAlphaTTheorem2,
  optimalAlphaTTheorem3,
} from './argmin';
export {
  polyEval,
  ratioDerivativeNumerator,
  signChangeRoots,
  type Poly,
  type SignChangeRoot,
} from './polynomial';
export { conditionalTestLoss, conditionalTestLossQuadratic } from './conditionalLoss';
export { prepareTheory, selectTheorem, UNRELIABLE_RATIO_RANGE } from './model';
export { tracesAreSlow, primeTraces, computeTraces, SLOW_TRACES_MIN_P } from './traceCache';
