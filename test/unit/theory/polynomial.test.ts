import { describe, expect, it } from 'vitest';
import {
  polyEval,
  polyMul,
  ratioDerivativeNumerator,
  signChangeRoots,
  trimPoly,
} from '../../../src/core/theory/polynomial';
import { centralDiff } from './helpers';

/** ∏ (x − r) as coefficients. */
function fromRoots(roots: number[], lead = 1): number[] {
  return roots.reduce<number[]>((acc, r) => polyMul(acc, [-r, 1]), [lead]);
}

describe('polynomials', () => {
  it('evaluates and multiplies', () => {
    const c = polyMul([1, 2], [3, 0, 1]); // (1 + 2x)(3 + x²)
    expect(c).toEqual([3, 6, 1, 2]);
    expect(polyEval(c, 2)).toBe(5 * 7);
    expect(trimPoly([1, 0, 0])).toEqual([1]);
  });

  it('finds simple real roots exactly (to rounding), ascending, with their direction', () => {
    const roots = [-7.5, -1, 0.001, 2, 1e3];
    const found = signChangeRoots(fromRoots(roots, -2.5));
    expect(found.map((r) => r.x)).toHaveLength(roots.length);
    found.forEach((r, i) =>
      expect(Math.abs(r.x - roots[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(roots[i]))),
    );
    // leading coefficient −2.5, degree 5: negative at +∞, so the largest root is falling
    expect(found.map((r) => r.rising)).toEqual([true, false, true, false, true].map((v) => !v));
  });

  it('skips even-multiplicity roots, keeps odd ones, ignores complex pairs', () => {
    // (x − 1)² (x + 2)³ (x² + 1)
    const c = polyMul(fromRoots([1, 1, -2, -2, -2]), [1, 0, 1]);
    const found = signChangeRoots(c);
    expect(found).toHaveLength(1);
    expect(found[0].x).toBeCloseTo(-2, 4); // a triple root is ill-conditioned: ~ε^{1/3}
    expect(signChangeRoots([1, 0, 1])).toEqual([]);
    expect(signChangeRoots([5])).toEqual([]);
  });

  it('ratioDerivativeNumerator is (N/h^k)′ · h^{k+1}, with the top terms cancelling exactly', () => {
    const n = [0.3, -1, 2, 0.5, 4];
    const h = [1, -2, 3];
    const num = ratioDerivativeNumerator(n, h, 2);
    expect(num.length).toBe(5); // degree 4, not 5: deg N = 2 deg h
    for (const x of [-2, -0.3, 0, 0.7, 3]) {
      const f = (t: number) => polyEval(n, t) / polyEval(h, t) ** 2;
      const expected = centralDiff(f, x, 1e-6) * polyEval(h, x) ** 3;
      expect(Math.abs(polyEval(num, x) - expected)).toBeLessThan(
        1e-6 * Math.max(1, Math.abs(expected)),
      );
    }
  });
});
