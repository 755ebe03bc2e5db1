import { describe, expect, test } from 'vitest';
import {
  choleskyFactor,
  choleskySolve,
  choleskySubstitute,
} from '../../../src/core/linalg/cholesky';

/** Row-major product L Lᵀ of the lower triangle of l. */
function llt(l: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k <= Math.min(i, j); k++) s += l[i * n + k] * l[j * n + k];
      a[i * n + j] = s;
    }
  return a;
}

describe('the one Cholesky', () => {
  const a = Float64Array.of(4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3);

  test('solves an SPD system (checked by multiplying back), in place or not', () => {
    const b = Float64Array.of(1, -2, 0.5);
    const { x, illConditioned } = choleskySolve(a, b, 3);
    expect(illConditioned).toBe(false);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += a[i * 3 + j] * x[j];
      expect(s).toBeCloseTo(b[i], 12);
    }
    const inPlace = Float64Array.from(a);
    expect(choleskyFactor(inPlace, 3)).toBe(false);
    expect(Array.from(choleskySubstitute(inPlace, 3, b))).toEqual(Array.from(x));
  });

  test('flags a singular matrix; the semidefinite mode gives a zero column and L Lᵀ = A', () => {
    // Rank 2: the third column is the sum of the first two.
    const s = Float64Array.of(2, 1, 3, 1, 2, 3, 3, 3, 6);
    expect(choleskyFactor(s, 3, new Float64Array(9))).toBe(true);
    const l = new Float64Array(9);
    expect(choleskyFactor(s, 3, l, { relTol: 1e-13, semidefinite: true })).toBe(false);
    expect(l[8]).toBe(0);
    llt(l, 3).forEach((v, i) => expect(v).toBeCloseTo(s[i], 12));
  });
});
