import { describe, expect, test } from 'vitest';
import { linspace } from '../../../src/core/linalg/linspace';

describe('linspace', () => {
  test('exact ends, exact 0 in the middle of a symmetric range, one point', () => {
    const v = linspace(-0.0225, 0.0225, 13);
    expect(v[0]).toBe(-0.0225);
    expect(v[12]).toBe(0.0225);
    expect(v[6]).toBe(0);
    expect(Array.from(linspace(0.1, 0.7, 7)).map((x) => +x.toFixed(12))).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
    ]);
    expect(Array.from(linspace(3, 5, 1))).toEqual([3]);
  });
});
