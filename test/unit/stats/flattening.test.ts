import { describe, expect, test } from 'vitest';
import { flattenedAt, flatteningStatement } from '../../../src/core/stats/flattening';

const epochs = Array.from({ length: 101 }, (_, i) => i * 10); // 0…1000

describe('flattening detector (meta-training loss)', () => {
  test('a loss decaying to zero flattens once the remaining fall is < 1 % of the total', () => {
    const loss = epochs.map((e) => 2 * Math.exp(-e / 50));
    const at = flattenedAt(epochs, loss)!;
    // Window 100 epochs: flat when L(N − 100) − L(N) ≤ 0.01·(L0 − L(N)), i.e. e^{-(N−100)/50} ≲ 0.01.
    const expected = epochs.find(
      (n) =>
        n >= 100 &&
        2 * Math.exp(-(n - 100) / 50) * (1 - Math.exp(-2)) <= 0.01 * 2 * (1 - Math.exp(-n / 50)),
    )!;
    expect(at).toBe(expected);
    expect(at).toBeGreaterThan(300);
    expect(at).toBeLessThan(400);
  });

  test('still falling at the end: not flattened (null)', () => {
    const loss = epochs.map((e) => 3 - e / 1000);
    expect(flattenedAt(epochs, loss)).toBeNull();
    expect(flatteningStatement(null, 1000)).toMatch(/NOT flattened by epoch 1000: not converged/);
  });

  test('a late drop after a plateau resets the flattening epoch; a rising loss never flattens', () => {
    const loss = epochs.map((e) => (e < 500 ? 1 : 0.5 + 0.5 * Math.exp(-(e - 500) / 20)));
    const at = flattenedAt(epochs, loss)!;
    expect(at).toBeGreaterThan(500);
    expect(
      flattenedAt(
        epochs,
        epochs.map((e) => 1 + e),
      ),
    ).toBeNull();
    expect(
      flattenedAt(
        epochs,
        epochs.map(() => NaN),
      ),
    ).toBeNull();
    expect(flatteningStatement(at, 1000)).toMatch(new RegExp(`flattened at epoch ${at} of 1000`));
  });
});
