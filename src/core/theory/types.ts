/** Settings and the model interface of the theory core (theory.md §1; Bernacchia 2021). */
import type { TheorySettingParams } from '../params/fields';

/**
 * A mixed-linear-regression setting. Sizes: p parameters, m meta-training tasks with nt training
 * and nv validation points each, nr adaptation points at meta-test. σ label noise, ν task spread;
 * w0 and omega0 are scalars c meaning the constant p-vector (c, …, c).
 */
/** The setting the theorems take: exactly the parameter table's theory setting. */
export type TheorySetting = TheorySettingParams;

/** The scalar sizes the isotropic theorems depend on (no covariance fields). */
export type ModelSizes = Pick<
  TheorySetting,
  'p' | 'm' | 'nt' | 'nv' | 'nr' | 'sigma' | 'nu' | 'w0' | 'omega0'
>;

export type Theorem = '1' | '2' | '3';

/** p > nv·m over-, p < nv·m under-parameterized; p = nv·m the (singular) transition. */
export type Regime = 'over' | 'under' | 'critical';

export interface TheoryModel {
  setting: TheorySetting;
  regime: Regime;
  /** nv·m/p */
  ratio: number;
  theorem: Theorem | null;
  /** Plain-language reason when theorem is null. */
  unavailableReason: string | null;
  /** 0.3 ≤ nv·m/p ≤ 3: near the transition the theorems are 20–40 % off (paper Fig. 6b/6c). */
  unreliable: boolean;
  /** Theoretical test loss; NaN when no theory applies. */
  loss(alphaT: number, alphaR: number): number;
  /** Exact argmin over αt ∈ ℝ (Thm 1: Eq. 8's αt⁻); null when no finite minimiser or no theory. */
  optimalAlphaT(alphaR: number): number | null;
  /** Exact argmin over αr (closed forms, theory.md "Optimal α_r"); null when none. */
  optimalAlphaR(alphaT: number): number | null;
  /** ∂L/∂αt at αt = 0 (Eq. 10 for Theorem 2); NaN when no theory. */
  slopeAtZeroAlphaT(alphaR: number): number;
  /** Loss at each αt of xs, αr fixed. */
  curveAlphaT(alphaR: number, xs: Float64Array): Float64Array;
  /** Loss at each αr of xs, αt fixed. */
  curveAlphaR(alphaT: number, xs: Float64Array): Float64Array;
}
