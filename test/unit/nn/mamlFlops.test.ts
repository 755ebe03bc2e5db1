import { describe, expect, test } from 'vitest';
import { mamlEvalTaskFlops, mamlTaskFlops } from '../../../src/core/nn/mamlFlops';

describe('MAML FLOP counts', () => {
  test('1-40-40-1, 10 + 10 points: counted by hand', () => {
    // hidden layer 40×40: support 3·10 + query 3·10 + HVP 6·10 = 120 rows of 2·1600 FLOPs
    const hidden = 2 * 1600 * 120;
    const first = 2 * 40 * (2 * 10 + 2 * 10 + 2 * 10);
    const last = 2 * 40 * (3 * 10 + 3 * 10 + 6 * 10);
    expect(mamlTaskFlops([1, 40, 40, 1], 10, 10, true)).toBe(hidden + first + last);
    expect(mamlTaskFlops([1, 40, 40, 1], 10, 10, false)).toBe(
      2 * 1600 * 60 + 2 * 40 * 40 + 2 * 40 * 60,
    );
    expect(mamlEvalTaskFlops([1, 40, 40, 1], 10, 20)).toBe(
      2 * 40 * (20 + 20) + 2 * 1600 * (30 + 20) + 2 * 40 * (30 + 20),
    );
  });
});
