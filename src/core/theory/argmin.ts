/**
 * Exact argmin over α_t (theory.md §1: "a real root of the derivative's numerator, not a grid
 * search"). Along α_t every theorem is L = base + weight · N(α_t)/h(α_t)^k with weight > 0,
 * polynomials N, h and h > 0, so the minimisers are the real roots of N'h − k N h' where it turns
 * from negative to positive; the best of them is compared with the limits at ±∞.
 */
import { eq8AlphaTStationaryPoints } from './theorem1';
import { theorem2BracketPoly } from './theorem2';
import { theorem3AlphaTForm } from './theorem3';
import {
  polyEval,
  ratioDerivativeNumerator,
  signChangeRoots,
  trimPoly,
  type Poly,
} from './polynomial';
import { hShorthandPoly } from './shorthands';
import type { SpectralTraces } from './traces';
import type { ModelSizes } from './types';

/** Limits of N/h^k at +∞ and −∞ (h has a positive leading coefficient, being > 0 on ℝ). */
function ratioLimits(n: Poly, h: Poly, k: number): [number, number] {
  const degDiff = n.length - 1 - k * (h.length - 1);
  const lead = n[n.length - 1] / h[h.length - 1] ** k;
  if (degDiff < 0) return [0, 0];
  if (degDiff === 0) return [lead, lead];
  const plus = lead > 0 ? Infinity : -Infinity;
  return [plus, degDiff % 2 === 0 ? plus : -plus];
}

/**
 * The global minimiser over ℝ of N(x)/h(x)^k (h > 0 on ℝ), or null when there is none: constant,
 * or the infimum is only approached at ±∞. A continuous function with equal finite limits that dips
 * below them attains its minimum, at a root where the derivative turns from − to +.
 */
export function argminRatio(n: Poly, h: Poly, k: number): number | null {
  const num = trimPoly(n);
  const den = trimPoly(h);
  if (num.length === 0 || den.length === 0) return null;
  const dNum = ratioDerivativeNumerator(num, den, k);
  if (dNum.length === 0) return null; // constant
  const [limPlus, limMinus] = ratioLimits(num, den, k);
  const inf = Math.min(limPlus, limMinus);
  let best: number | null = null;
  let bestValue = Infinity;
  for (const r of signChangeRoots(dNum)) {
    if (!r.rising) continue;
    const v = polyEval(num, r.x) / polyEval(den, r.x) ** k;
    if (v < bestValue) {
      bestValue = v;
      best = r.x;
    }
  }
  return best !== null && bestValue < inf ? best : null;
}

/** Theorem 1: Eq. 8's α_t⁻ (the global minimum); null when σ = 0 (the loss is flat in α_t). */
export function optimalAlphaTTheorem1(s: ModelSizes): number | null {
  return s.sigma > 0 ? eq8AlphaTStationaryPoints(s.p, s.nt).minus : null;
}

/** Theorem 2: argmin of N(α_t)/h_t² (the α_t-dependent part; independent of α_r). */
export function optimalAlphaTTheorem2(
  s: ModelSizes,
  bracket: Poly = theorem2BracketPoly(s),
): number | null {
  return argminRatio(bracket, hShorthandPoly(s.p, s.nt), 2);
}

/** Theorem 3: argmin of A·B/T² (theorem3AlphaTForm; depends on α_r through B = Tr(H_r H_t)). */
export function optimalAlphaTTheorem3(
  s: Pick<ModelSizes, 'm' | 'nt' | 'nv' | 'nr' | 'sigma'>,
  tr: SpectralTraces,
  alphaR: number,
): number | null {
  const f = theorem3AlphaTForm(s, tr, alphaR);
  return argminRatio(f.numerator, f.denominator, 2);
}
