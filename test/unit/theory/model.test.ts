import { describe, expect, it } from 'vitest';
import {
  prepareTheory,
  theorem1Loss,
  theorem2Loss,
  theorem3Loss,
  covarianceTraces,
} from '../../../src/core/theory';
import { buildCovariances } from '../../../src/core/covariance';
import { fig2, fig3, linspace, setting } from './helpers';

describe('prepareTheory: which theorem', () => {
  it('isotropic: Theorem 1 over, Theorem 2 under, none at p = nv·m', () => {
    const over = prepareTheory(setting(fig2));
    expect([over.theorem, over.regime, over.ratio]).toEqual(['1', 'over', 0.1]);
    const under = prepareTheory(setting(fig3));
    expect([under.theorem, under.regime]).toEqual(['2', 'under']);
    expect(under.ratio).toBeCloseTo(1000 / 30, 12);
    const crit = prepareTheory(setting({ ...fig2, p: 6 }));
    expect([crit.theorem, crit.regime]).toEqual([null, 'critical']);
    expect(crit.unavailableReason).toMatch(/p = nv·m/);
    expect(crit.loss(0.2, 0.2)).toBeNaN();
    expect(crit.optimalAlphaT(0.2)).toBeNull();
    expect(crit.optimalAlphaR(0.2)).toBeNull();
    expect(crit.slopeAtZeroAlphaT(0.2)).toBeNaN();
    expect(Array.from(crit.curveAlphaT(0.2, linspace(-1, 1, 3)))).toEqual([NaN, NaN, NaN]);
  });

  it('non-isotropic: Theorem 3 only for p > nv·m and w0 = ω0 = 0', () => {
    for (const cov of ['wishart', 'diag'] as const) {
      expect(prepareTheory(setting(fig2, { cov })).theorem).toBe('3');
      const under = prepareTheory(setting(fig3, { cov }));
      expect(under.theorem).toBeNull();
      expect(under.unavailableReason).toMatch(/Theorem 3 covers only/);
      expect(under.unavailableReason).toMatch(/p = 30 < nv·m = 1000/);
      const shifted = prepareTheory(setting({ ...fig2, w0: 0.1 }, { cov }));
      expect(shifted.theorem).toBeNull();
      expect(shifted.unavailableReason).toMatch(/w0 = 0\.1/);
      expect(prepareTheory(setting({ ...fig2, omega0: -1 }, { cov })).unavailableReason).toMatch(
        /ω0 = -1/,
      );
    }
  });

  it('diag with Σ = 0 has no theory (inputs identically zero)', () => {
    const m = prepareTheory(setting(fig2, { cov: 'diag', sx: [0, 0] }));
    expect(m.theorem).toBeNull();
    expect(m.unavailableReason).toMatch(/Σ = 0/);
    expect(prepareTheory(setting(fig2, { cov: 'diag', sx: [0, 1] })).theorem).toBe('3');
  });

  it('flags the unreliable band 0.3 ≤ nv·m/p ≤ 3 (Fig. 6b/6c)', () => {
    const fig6 = { p: 50, nt: 40, nr: 40, sigma: 0.5, nu: 0.5, w0: 0.1, omega0: 0 };
    const flags = [
      [2, 1],
      [5, 5],
      [10, 10],
      [40, 10],
    ].map(([nv, m]) => prepareTheory(setting({ ...fig6, nv, m })).unreliable);
    expect(flags).toEqual([false, true, true, false]); // ratios 0.04, 0.5, 2, 8
    expect(prepareTheory(setting({ ...fig2, p: 20 })).unreliable).toBe(true); // ratio exactly 0.3
    expect(prepareTheory(setting({ ...fig2, p: 2, nv: 1, m: 6 })).unreliable).toBe(true); // exactly 3
  });
});

describe('prepareTheory: evaluators', () => {
  it('loss and curves agree with the theorem functions', () => {
    const xs = linspace(-3, 3, 41);
    const ys = linspace(-1, 2, 31);
    const cases = [
      { s: setting(fig2), f: (at: number, ar: number) => theorem1Loss(fig2, at, ar) },
      { s: setting(fig3), f: (at: number, ar: number) => theorem2Loss(fig3, at, ar) },
      {
        s: setting(fig2, { cov: 'wishart', seed: 9 }),
        f: (at: number, ar: number) =>
          theorem3Loss(
            fig2,
            covarianceTraces(buildCovariances(setting(fig2, { cov: 'wishart', seed: 9 }))),
            at,
            ar,
          ),
      },
    ];
    for (const { s, f } of cases) {
      const model = prepareTheory(s);
      for (const ar of [-0.4, 0.2, 1.1]) {
        const curve = model.curveAlphaT(ar, xs);
        xs.forEach((at, i) => {
          expect(Math.abs(curve[i] - f(at, ar))).toBeLessThan(1e-12 * f(at, ar));
          expect(model.loss(at, ar)).toBe(f(at, ar));
        });
      }
      for (const at of [-1, 0.2]) {
        const curve = model.curveAlphaR(at, ys);
        ys.forEach((ar, i) =>
          expect(Math.abs(curve[i] - f(at, ar))).toBeLessThan(1e-12 * f(at, ar)),
        );
      }
    }
  });

  it('memoizes the last setting, ignoring fields that are not part of it', () => {
    const a = prepareTheory(setting(fig2));
    const b = prepareTheory({ ...setting(fig2), alphaT: 0.7 } as ReturnType<typeof setting>);
    expect(b).toBe(a);
    expect(prepareTheory(setting({ ...fig2, nt: 31 }))).not.toBe(a);
  });
});
