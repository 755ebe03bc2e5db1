import { expect, test } from 'vitest';
import { logColourRange } from '../../../src/core/stability/logColourRange';

test('colour range: at most 16 decades under the largest loss, else the whole spread', () => {
  expect(logColourRange([-300, -40, 0.5])).toEqual([-15.5, 0.5]); // converged quadratic runs
  expect(logColourRange([0.31, 0.48, 0.66])).toEqual([0.31, 0.66]); // a network's losses
  expect(logColourRange([2])).toEqual([1, 2]);
  expect(logColourRange([])).toEqual([-16, 0]);
});
