/**
 * Exact argmins: derivative ≈ 0 there (finite differences), value ≤ the minimum over a dense grid;
 * slopes at α_t = 0 against finite differences; optimal α_r against brute-force minimisation.
 */
import { describe, expect, it } from 'vitest';
import {
  argminRatio,
  eq10SlopeAtZero,
  eq8AlphaTStationaryPoints,
  hShorthandPoly,
  prepareTheory,
  theorem2Loss,
  type TheoryModel,
  type TheorySetting,
} from '../../../src/core/theory';
import { centralDiff, fig2, fig3, linspace, relErr, setting } from './helpers';

const cases: [string, TheorySetting][] = [
  ['Thm 1 fig2', setting(fig2)],
  ['Thm 1 w0 = 0.1, ω0 = −0.2', setting({ ...fig2, p: 200, w0: 0.1, omega0: -0.2, nt: 3 })],
  ['Thm 2 fig3', setting(fig3)],
  [
    'Thm 2 fig6d',
    setting({ p: 50, m: 10, nt: 40, nv: 40, nr: 40, sigma: 0.5, nu: 0.5, w0: 0.1, omega0: 0 }),
  ],
  [
    'Thm 2 nt = 1',
    setting({ p: 20, m: 30, nt: 1, nv: 3, nr: 5, sigma: 1, nu: 2, w0: 0, omega0: 0 }),
  ],
  ['Thm 2 σ = 0', setting({ ...fig3, sigma: 0 })],
  ['Thm 3 Wishart fig2', setting(fig2, { cov: 'wishart', seed: 1 })],
  ['Thm 3 Wishart p = 120', setting({ ...fig2, p: 120, nt: 10 }, { cov: 'wishart', seed: 7 })],
  ['Thm 3 diag fig2', setting(fig2, { cov: 'diag' })],
  [
    'Thm 3 diag steep',
    setting({ ...fig2, p: 300, nt: 5, m: 10 }, { cov: 'diag', sx: [0.05, 4], sw: [0, 6] }),
  ],
];

const alphaRs = [-0.5, 0.2, 1.2];

/** Minimum of the loss over a dense α_t grid (wide enough to contain the argmin). */
function gridMinAlphaT(model: TheoryModel, ar: number, lo: number, hi: number, n = 40001): number {
  const ys = model.curveAlphaT(ar, linspace(lo, hi, n));
  return Math.min(...ys);
}

describe('optimalAlphaT: exact argmin over α_t', () => {
  for (const [name, s] of cases) {
    it(name, () => {
      const model = prepareTheory(s);
      expect(model.theorem).not.toBeNull();
      for (const ar of alphaRs) {
        const x = model.optimalAlphaT(ar);
        expect(x, `${name} αr=${ar}`).not.toBeNull();
        const f = (a: number) => model.loss(a, ar);
        const fx = f(x!);
        // a stationary point: |L'| tiny compared with the slope 0.1 away
        const d0 = Math.abs(centralDiff(f, x!));
        const dAway = Math.max(
          Math.abs(centralDiff(f, x! - 0.1)),
          Math.abs(centralDiff(f, x! + 0.1)),
        );
        expect(d0).toBeLessThan(1e-6 * dAway);
        // and the global minimum: no grid point is lower (grid over ±(10 + |x|))
        const span = 10 + Math.abs(x!);
        expect(fx).toBeLessThanOrEqual(gridMinAlphaT(model, ar, -span, span) * (1 + 1e-14));
        expect(fx).toBeLessThanOrEqual(
          gridMinAlphaT(model, ar, x! - 1e-3, x! + 1e-3, 2001) * (1 + 1e-14),
        );
      }
    });
  }
});

describe('Eq. 8', () => {
  it('α_t± are the roots of p a² + (n_t+1) a − n_t and match the general rational argmin', () => {
    for (const [p, nt] of [
      [60, 30],
      [1000, 1],
      [2, 1000],
      [500, 500],
    ]) {
      const { minus, plus } = eq8AlphaTStationaryPoints(p, nt);
      for (const a of [minus, plus])
        expect(Math.abs(p * a * a + (nt + 1) * a - nt)).toBeLessThan(1e-12 * (nt + 1));
      expect(minus).toBeLessThan(0);
      expect(plus).toBeGreaterThan(0);
      // Theorem 1 depends on α_t through (1 + a² p/n_t)/h_t: its exact argmin is α_t⁻
      const x = argminRatio([1, 0, p / nt], hShorthandPoly(p, nt), 1)!;
      expect(relErr(x, minus)).toBeLessThan(1e-12);
    }
  });

  it('Theorem 1 has no α_t-minimiser when σ = 0 (flat in α_t)', () => {
    expect(prepareTheory(setting({ ...fig2, sigma: 0 })).optimalAlphaT(0.2)).toBeNull();
  });
});

describe('argminRatio', () => {
  it('finds interior minima and reports none when the infimum is at ±∞ or the ratio is constant', () => {
    expect(argminRatio([0, 0, 1], [1, 0, 1], 1)).toBeCloseTo(0, 15); // x²/(1+x²)
    expect(argminRatio([2, 0, 1], [1, 0, 1], 1)).toBeNull(); // decreases to 1 at ±∞
    expect(argminRatio([1], [1, 0, 1], 1)).toBeNull(); // 1/(1+x²) → 0 at ±∞
    expect(argminRatio([1, 0, 1], [1, 0, 1], 1)).toBeNull(); // constant
    expect(argminRatio([0, 1], [1, 0, 1], 1)).toBeCloseTo(-1, 14); // x/(1+x²)
    expect(argminRatio([0, 0, 0, 1], [1, 0, 1], 1)).toBeNull(); // → −∞
    expect(argminRatio([3, -2, 1], [1, 0, 1], 2)).toBeNull(); // (x²−2x+3)/(1+x²)² > 0 → 0 at ±∞
    const x = argminRatio([-3, -2, 1], [1, 0, 1], 2)!; // (x²−2x−3)/(1+x²)² dips below its limit 0
    expect(Math.abs(x * x * x - 3 * x * x - 7 * x + 1)).toBeLessThan(1e-12); // root of N'h − 2Nh'
  });
});

describe('slope at α_t = 0', () => {
  for (const [name, s] of cases) {
    it(`${name}: analytic vs finite differences`, () => {
      const model = prepareTheory(s);
      for (const ar of alphaRs) {
        const fd = centralDiff((a) => model.loss(a, ar), 0, 1e-5);
        // relative 1e-7, with an absolute floor for flat cases (σ = 0 makes Eq. 10's slope 0)
        const floor = 1e-9 * model.loss(0, ar); // FD rounding ≈ ε L/h
        expect(Math.abs(model.slopeAtZeroAlphaT(ar) - fd)).toBeLessThan(
          1e-7 * Math.abs(fd) + floor,
        );
      }
    });
  }
  it('Eq. 10 (h_r σ² p/(n_v m)) is the derivative of Theorem 2 at α_t = 0', () => {
    for (const s of [
      fig3,
      { ...fig3, nt: 1, p: 10 },
      { ...fig3, nv: 2, m: 400, p: 300, sigma: 1.5 },
    ]) {
      for (const ar of alphaRs) {
        const fd = centralDiff((a) => theorem2Loss(s, a, ar), 0, 1e-5);
        expect(relErr(eq10SlopeAtZero(s, ar), fd)).toBeLessThan(1e-7);
      }
    }
  });
});

describe('optimalAlphaR: closed forms against brute-force minimisation', () => {
  for (const [name, s] of cases) {
    it(name, () => {
      const model = prepareTheory(s);
      for (const at of [-1.5, -0.3, 0, 0.2, 2]) {
        const x = model.optimalAlphaR(at)!;
        const xs = linspace(-3, 4, 70001); // step 1e-4
        const ys = model.curveAlphaR(at, xs);
        let k = 0;
        for (let i = 1; i < ys.length; i++) if (ys[i] < ys[k]) k = i;
        expect(Math.abs(x - xs[k])).toBeLessThanOrEqual(1e-4);
        expect(model.loss(at, x)).toBeLessThanOrEqual(ys[k] * (1 + 1e-14));
        // the curve agrees with the pointwise loss
        expect(relErr(ys[k], model.loss(at, xs[k]))).toBeLessThan(1e-12);
      }
    });
  }
});
