import { expect, test } from 'vitest';
import { NormalStream } from '../../../src/core/sim/normalStream';

test('ziggurat normals: moments and tail probabilities of N(0, 1)', () => {
  const n = 2_000_000;
  const x = new NormalStream(42, 7).fill(new Float64Array(n));
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  let tail2 = 0;
  let tail3 = 0;
  let pos = 0;
  for (const v of x) {
    m1 += v;
    m2 += v * v;
    m4 += v * v * v * v;
    if (Math.abs(v) > 2) tail2++;
    if (Math.abs(v) > 3.5) tail3++; // beyond R = 3.44: exercises the tail sampler
    if (v > 0) pos++;
  }
  const se = 1 / Math.sqrt(n);
  expect(Math.abs(m1 / n)).toBeLessThan(4 * se);
  expect(Math.abs(m2 / n - 1)).toBeLessThan(4 * Math.SQRT2 * se);
  expect(Math.abs(m4 / n - 3)).toBeLessThan(4 * Math.sqrt(96) * se);
  const p2 = 0.04550026389635842; // P(|Z| > 2)
  const p35 = 4.65258158071e-4; // P(|Z| > 3.5)
  expect(Math.abs(tail2 / n - p2)).toBeLessThan(4 * Math.sqrt(p2 / n));
  expect(Math.abs(tail3 / n - p35)).toBeLessThan(4 * Math.sqrt(p35 / n));
  expect(Math.abs(pos / n - 0.5)).toBeLessThan(4 * 0.5 * se);
});

/** Φ(x) by the Abramowitz–Stegun 7.1.26 erf (abs error < 1.5e-7, far below the test's 4 SE). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

test('ziggurat normals: the empirical CDF matches Φ on a fine grid (layers and wedges)', () => {
  const n = 1_000_000;
  const x = new NormalStream(9, 1).fill(new Float64Array(n)).sort();
  for (let g = -3; g <= 3.0001; g += 0.125) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x[mid] < g) lo = mid + 1;
      else hi = mid;
    }
    const p = normalCdf(g);
    expect(Math.abs(lo / n - p), `x = ${g}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1e-6);
  }
});

test('streams are reproducible and distinct', () => {
  const a = new NormalStream(1, 2).fill(new Float64Array(5));
  expect(Array.from(new NormalStream(1, 2).fill(new Float64Array(5)))).toEqual(Array.from(a));
  expect(Array.from(new NormalStream(1, 3).fill(new Float64Array(5)))).not.toEqual(Array.from(a));
});

test('fill() is deterministic for the same sequence of calls, and mixes with normal()', () => {
  const a = new NormalStream(3, 4);
  const b = new NormalStream(3, 4);
  const x = a.fill(new Float64Array(1000));
  const y = b.fill(new Float64Array(1000), 0, 1000);
  expect(Array.from(y)).toEqual(Array.from(x));
  expect(a.normal()).toBe(b.normal());
  expect(Array.from(a.fill(new Float64Array(7), 2, 3))).toEqual(
    Array.from(b.fill(new Float64Array(7), 2, 3)),
  );
});

test('χ²(k) draws have mean k and variance 2k (k = 1, 3, 46)', () => {
  const s = new NormalStream(5, 5);
  const n = 200_000;
  for (const k of [1, 3, 46]) {
    let m = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const x = s.chiSquare(k);
      m += x;
      m2 += x * x;
    }
    m /= n;
    const v = m2 / n - m * m;
    expect(Math.abs(m - k)).toBeLessThan(4 * Math.sqrt((2 * k) / n));
    expect(Math.abs(v / (2 * k) - 1)).toBeLessThan(0.03);
  }
});
