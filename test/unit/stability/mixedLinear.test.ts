import { describe, expect, test } from 'vitest';
import {
  mixedBetaCritical,
  mixedHessianEigenvalues,
  mixedProblem,
  mixedStabilityGrid,
  runMixedGd,
} from '../../../src/core/stability/mixedLinear';

const fig2 = { p: 60, m: 3, nt: 30, nv: 2, sigma: 1, nu: 0.5, w0: 0, omega0: 0, seed: 2 };

describe('mixed linear regression, outer loop by gradient descent', () => {
  test('GD diverges exactly above β_c(αt) = 2/λ_max, for negative and positive αt', () => {
    const grid = mixedStabilityGrid({
      ...fig2,
      alphaRange: [-1, 1],
      betaRange: [0.01, 3],
      alphaCells: 21,
      betaCells: 25,
      alphaScale: 'linear',
      betaScale: 'log',
      iterations: 500,
    });
    let unstable = 0;
    let decided = 0;
    grid.alpha.forEach((a, i) => {
      const bc = mixedBetaCritical(grid.problem, a);
      grid.beta.forEach((b, j) => {
        if (b > bc && b < 1.02 * bc) return; // slow growth near the boundary
        decided++;
        if (b > bc) unstable++;
        expect(grid.diverged[i][j], `αt=${a} β=${b} β_c=${bc}`).toBe(b > bc);
      });
    });
    expect(decided).toBeGreaterThan(0.95 * 21 * 25);
    expect(unstable).toBeGreaterThan(0.1 * decided);
  });

  test('Hessian eigenvalues at αt = 0 are those of X_vᵀX_v/(n_v m); B is affine in αt', () => {
    const pr = mixedProblem(fig2);
    const l0 = mixedHessianEigenvalues(pr, 0);
    // trace of X_v X_vᵀ / rows = Σ P² / rows
    const tr = pr.P.reduce((s, v) => s + v * v, 0) / pr.rows;
    expect(l0.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 9);
    // the trace of BᵀB is a quadratic in αt: second differences constant
    const t = (a: number) => mixedHessianEigenvalues(pr, a).reduce((s, v) => s + v, 0);
    expect(t(1) - 2 * t(0.5) + t(0)).toBeCloseTo(t(0.5) - 2 * t(0) + t(-0.5), 8);
  });

  test('a stable run decreases the meta-loss monotonically', () => {
    const pr = mixedProblem(fig2);
    const r = runMixedGd(pr, -0.2, 0.5 * mixedBetaCritical(pr, -0.2), 200, true);
    const h = r.history ?? [];
    expect(r.diverged).toBe(false);
    for (let i = 1; i < h.length; i++)
      expect(h[i]).toBeLessThanOrEqual(h[i - 1] * (1 + 1e-12) + 1e-20);
  });
});

describe('mixed GD: parameter-space iteration (n_v·m > p) equals the residual form', () => {
  test.each([
    ['under', { p: 5, m: 4, nv: 3 }],
    ['over', { p: 30, m: 2, nv: 2 }],
  ] as const)('%sparameterized draw: same loss curve from both forms', (_, sizes) => {
    const pr = mixedProblem({ ...fig2, ...sizes, seed: 4 });
    const beta = 0.5 * mixedBetaCritical(pr, 0.3);
    const a = runMixedGd(pr, 0.3, beta, 60, true, 'residual').history ?? [];
    const b = runMixedGd(pr, 0.3, beta, 60, true, 'parameter').history ?? [];
    expect(a.length).toBe(61);
    a.forEach((v, i) => expect(Math.abs(b[i] - v)).toBeLessThan(1e-9 * a[0]));
    expect(a[60]).toBeLessThan(a[0]);
  });
});
