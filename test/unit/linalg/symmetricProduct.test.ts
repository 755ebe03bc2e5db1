import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  frobeniusInner,
  symmetricProductABt,
  trace,
} from '../../../src/core/linalg/symmetricProduct';

/** Naive triple loop C = scale · A Bᵀ, the independent reference. */
function naiveABt(a: Float64Array, b: Float64Array, p: number, scale: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[i * p + k] * b[j * p + k];
      c[i * p + j] = scale * s;
    }
  return c;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

describe('symmetricProductABt', () => {
  // odd and even sizes exercise the 2×2 block edges
  for (const p of [1, 2, 3, 4, 5, 6, 7, 9, 10, 33, 34]) {
    it(`Gram G Gᵀ and Σ², Σ³ match the naive product (p = ${p})`, () => {
      const g = createRng(5, p).fillNormal(new Float64Array(p * p));
      const gram = symmetricProductABt(g, g, p, 0.5);
      expect(maxAbsDiff(gram, naiveABt(g, g, p, 0.5))).toBeLessThan(1e-12 * p);
      const sq = symmetricProductABt(gram, gram, p);
      expect(maxAbsDiff(sq, naiveABt(gram, gram, p, 1))).toBeLessThan(1e-11 * p * p);
      const cube = symmetricProductABt(sq, gram, p);
      expect(maxAbsDiff(cube, naiveABt(sq, gram, p, 1))).toBeLessThan(1e-10 * p * p * p);
    });
  }

  it('rejects mismatched sizes', () => {
    expect(() => symmetricProductABt(new Float64Array(4), new Float64Array(9), 2)).toThrow();
  });

  it('trace and Frobenius inner product', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const b = Float64Array.from([5, 6, 7, 8]);
    expect(trace(a, 2)).toBe(5);
    expect(frobeniusInner(a, b)).toBe(5 + 12 + 21 + 32);
  });
});
