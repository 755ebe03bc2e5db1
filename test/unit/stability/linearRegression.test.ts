import { describe, expect, test } from 'vitest';
import {
  linearLoss,
  linearStabilityGrid,
  linearTask,
  runLinearMaml,
} from '../../../src/core/stability/linearRegression';
import { spectralRadius, type MamlVariant } from '../../../src/core/stability/boundaries';

/**
 * Simulation vs closed form: every cell must be diverged exactly when the closed form says
 * unstable, except a thin band just above the boundary (1 ≤ ρ < 1.02) where growth is too slow to
 * show in 500 iterations. Below it no band is needed: with ρ < 1 every eigen-component shrinks, so
 * the loss can never rise above its start.
 */
function checkAgreement(variant: MamlVariant, half: boolean, alphaRange: [number, number]) {
  const grid = linearStabilityGrid({
    points: 10,
    seed: 3,
    half,
    alphaRange,
    betaRange: [5e-3, 9],
    alphaCells: 41,
    betaCells: 41,
    alphaScale: 'linear',
    betaScale: 'log',
    iterations: 500,
    variant,
  });
  const lambdas = grid.task.eigenvalues;
  let decided = 0;
  let unstable = 0;
  let mismatches = 0;
  grid.alpha.forEach((a, i) =>
    grid.beta.forEach((b, j) => {
      const rho = spectralRadius(a, b, lambdas, variant);
      if (rho >= 1 && rho < 1.02) return; // the thin band
      decided++;
      if (rho > 1) unstable++;
      if (grid.diverged[i][j] !== rho > 1) mismatches++;
    }),
  );
  return { decided, unstable, mismatches, total: 41 * 41 };
}

describe('linear regression MAML grid agrees with the closed-form boundary', () => {
  test.each([
    ['first-order', false],
    ['second-order', false],
    ['first-order', true],
    ['second-order', true],
  ] as const)('%s, half = %s, α from negative to beyond α_c', (variant, half) => {
    const task = linearTask({ points: 10, seed: 3, half });
    const alphaMax = 1.6 / task.eigenvalues[1];
    const r = checkAgreement(variant, half, [-0.5 * alphaMax, alphaMax]);
    expect(r.mismatches).toBe(0);
    expect(r.decided).toBeGreaterThan(0.9 * r.total); // the band really is thin
    expect(r.unstable).toBeGreaterThan(0.1 * r.decided); // both outcomes present
    expect(r.unstable).toBeLessThan(0.9 * r.decided);
  });

  test('Hessian and loss: ½ eᵀHe equals the data loss; ½ MSE halves the eigenvalues', () => {
    const t = linearTask({ points: 10, seed: 5, half: false });
    const h = linearTask({ points: 10, seed: 5, half: true });
    expect(h.eigenvalues[1]).toBeCloseTo(t.eigenvalues[1] / 2, 10);
    const run = runLinearMaml(t, { alpha: 0, beta: 0, iterations: 0, variant: 'first-order' });
    expect(run.startLoss).toBeCloseTo(linearLoss(t, 0, 0), 9);
    expect(linearLoss(t, t.a, t.b)).toBeCloseTo(0, 20);
  });

  test('a stable cell converges to the task; the history is monotone', () => {
    const t = linearTask({ points: 10, seed: 5, half: false });
    const beta = 1 / t.eigenvalues[1];
    const r = runLinearMaml(t, {
      alpha: 0.3 / t.eigenvalues[1],
      beta,
      iterations: 3000,
      variant: 'second-order',
      history: true,
    });
    expect(r.diverged).toBe(false);
    expect(r.loss).toBeLessThan(1e-10 * r.startLoss);
    const hist = r.history ?? [];
    expect(hist.length).toBe(3001);
    for (let i = 1; i < hist.length; i++)
      expect(hist[i]).toBeLessThanOrEqual(hist[i - 1] * (1 + 1e-12));
  });
});
