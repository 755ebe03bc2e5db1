import { describe, expect, test } from 'vitest';
import {
  boxResize,
  boxWeights,
  inkFromGray,
  preprocessGray,
  quantize,
} from '../../../src/core/omniglot/preprocess';

describe('box filter 105 → 28 (exact area coverage)', () => {
  const w = boxWeights(105, 28);
  test('integer overlaps: each output covers 105/28 source pixels, each source pixel is spread whole', () => {
    expect(w).toHaveLength(28);
    for (const row of w) expect(row.overlaps.reduce((a, b) => a + b, 0)).toBe(105);
    const spread = new Array<number>(105).fill(0);
    for (const row of w) row.overlaps.forEach((o, t) => (spread[row.start + t]! += o));
    expect(spread).toEqual(new Array(105).fill(28));
    // Output 0 covers source [0, 3.75): pixels 0, 1, 2 whole and three quarters of pixel 3.
    expect(w[0]).toEqual({ start: 0, overlaps: [28, 28, 28, 21] });
    expect(w[1]).toEqual({ start: 3, overlaps: [7, 28, 28, 28, 14] });
  });

  test('keeps constants, sums (area) and the identity size', () => {
    const c = boxResize(new Float64Array(105 * 105).fill(0.3), 105, 28);
    for (const v of c) expect(v).toBeCloseTo(0.3, 12);
    const x = Float64Array.from({ length: 105 * 105 }, (_, i) => ((i * 7919) % 101) / 100);
    const y = boxResize(x, 105, 28);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(y)).toBeCloseTo(mean(x), 12);
    boxResize(x.subarray(0, 25), 5, 5).forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 14));
    expect(() => boxResize(x, 100, 28)).toThrow(/100×100/);
  });

  test('a single black pixel lands where its area lies', () => {
    const gray = new Uint8Array(105 * 105).fill(255);
    gray[3 * 105 + 3] = 0; // source pixel (3, 3): 3/4 in output (0, 0) rows/cols, 1/4 in (1, 1)
    const y = boxResize(inkFromGray(gray), 105, 28);
    expect(y[0]).toBeCloseTo((21 * 21) / (105 * 105), 14);
    expect(y[1]).toBeCloseTo((21 * 7) / (105 * 105), 14);
    expect(y[28 + 1]).toBeCloseTo((7 * 7) / (105 * 105), 14);
    expect(preprocessGray(gray)[0]).toBe(Math.round((255 * 441) / 11025));
  });

  test('ink = 1 − pixel/255 and quantization round(255·v), clamped', () => {
    expect([...inkFromGray([0, 255, 51])]).toEqual([1, 0, 0.8]);
    expect([...quantize([0, 1, 0.5, -0.1, 1.2])]).toEqual([0, 255, 128, 0, 255]);
  });
});
