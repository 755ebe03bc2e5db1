import { choleskySolve } from '../../../src/core/linalg/cholesky';
import { describe, expect, test } from 'vitest';
import { drawMetaTraining } from '../../../src/core/sim/draws';
import {
  assembleOuterSystem,
  deviationFromSolution,
  outerPieces,
  outerSystem,
} from '../../../src/core/sim/outerSystem';
import { isotropicCovariances } from '../../../src/core/sim/simCovariances';
import { fig2 } from './fixtures';

/** B = P − αQ and γ = g − αq formed explicitly, and ω* from the Gram-piece solve. */
function solveAt(params: typeof fig2, alpha: number) {
  const cov = isotropicCovariances(params.p, params.nu);
  const pc = outerPieces(drawMetaTraining(params, cov, 3), params);
  const sys = outerSystem(pc, params.omega0);
  const a = new Float64Array(sys.dim * sys.dim);
  const b = new Float64Array(sys.dim);
  assembleOuterSystem(sys, alpha, a, b);
  const sol = choleskySolve(a, b, sys.dim);
  const omega = deviationFromSolution(
    pc,
    sys,
    sol.x,
    alpha,
    params.w0,
    params.omega0,
    new Float64Array(params.p),
  );
  for (let j = 0; j < params.p; j++) omega[j] += params.w0;
  const { n, p } = pc;
  const B = pc.P.map((v, i) => v - alpha * pc.Q[i]);
  const gamma = pc.g.map((v, i) => v - alpha * pc.q[i]);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += B[i * p + j] * omega[j];
    residual[i] = s - gamma[i];
  }
  return { pc, sys, sol, omega, B, gamma, residual };
}

describe('exact outer solution (theory.md §1)', () => {
  test('overparameterized: ω* interpolates (Bω* = γ) and ω* − ω0 lies in the row space of B', () => {
    const params = { ...fig2, omega0: 0.3, w0: 0.1 };
    const { sys, residual, omega, B, sol } = solveAt(params, -0.7);
    expect(sys.overparameterized).toBe(true);
    expect(sol.illConditioned).toBe(false);
    for (const r of residual) expect(Math.abs(r)).toBeLessThan(1e-9);
    // Minimum distance to ω0: ω* − ω0 = Bᵀc, i.e. orthogonal to the null space of B. Check against
    // a direct projection: (I − Bᵀ(BBᵀ)⁻¹B)(ω* − ω0) = 0 ⇔ ω* − ω0 = Bᵀ (BBᵀ)⁻¹ B (ω* − ω0).
    const { p } = params;
    const n = B.length / p;
    const diff = omega.map((v) => v - params.omega0);
    const bbt = new Float64Array(n * n);
    const bd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++)
        for (let j = 0; j < p; j++) bbt[i * n + k] += B[i * p + j] * B[k * p + j];
      for (let j = 0; j < p; j++) bd[i] += B[i * p + j] * diff[j];
    }
    const c = choleskySolve(bbt, bd, n).x;
    for (let j = 0; j < p; j++) {
      let proj = 0;
      for (let i = 0; i < n; i++) proj += B[i * p + j] * c[i];
      expect(proj).toBeCloseTo(diff[j], 9);
    }
  });

  test('underparameterized: ω* satisfies the normal equations Bᵀ(Bω* − γ) = 0', () => {
    const params = { ...fig2, p: 8, m: 5, nv: 4, nt: 6 };
    const { sys, residual, B } = solveAt(params, 0.4);
    expect(sys.overparameterized).toBe(false);
    const { p } = params;
    const n = B.length / p;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += B[i * p + j] * residual[i];
      expect(Math.abs(s)).toBeLessThan(1e-9);
    }
    // And the residual is not zero: there are more equations than unknowns.
    expect(Math.max(...residual.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  test('Cholesky solve: solves an SPD system and flags a singular one', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    const { x, illConditioned } = choleskySolve(a, Float64Array.from([2, 1]), 2);
    expect(illConditioned).toBe(false);
    expect(4 * x[0] + 2 * x[1]).toBeCloseTo(2, 12);
    expect(2 * x[0] + 3 * x[1]).toBeCloseTo(1, 12);
    expect(
      choleskySolve(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 1]), 2).illConditioned,
    ).toBe(true);
  });
});
