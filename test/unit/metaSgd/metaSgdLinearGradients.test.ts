import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { drawTasks, FIG2_SETTING } from '../../../src/core/metaSgd/linearTasks';
import { metaSgdLossAndGrad } from '../../../src/core/metaSgd/metaSgdLinear';
import { solveOuterLoop } from '../../../src/core/metaSgd/exactOuterSolution';

/** Central finite difference of f along coordinate j of x. */
function fd(f: (x: Float64Array) => number, x: Float64Array, j: number, h = 1e-5) {
  const xp = x.slice();
  const xm = x.slice();
  xp[j] += h;
  xm[j] -= h;
  return (f(xp) - f(xm)) / (2 * h);
}

const closeRel = (a: number, b: number, tol = 1e-6) =>
  expect(Math.abs(a - b)).toBeLessThan(tol * Math.max(1e-3, Math.abs(b)));

describe('Meta-SGD meta-gradient (mixed linear regression) vs finite differences', () => {
  const rng = createRng(3, 0);
  const st = FIG2_SETTING;
  const tasks = drawTasks(rng, st);
  const omega = rng.fillNormal(new Float64Array(st.p), 0.2);
  const perParam = new Float64Array(st.p).map(() => 0.3 * rng.normal());

  test.each([
    ['scalar', Float64Array.of(-0.7)],
    ['per-parameter', perParam],
  ])('%s rates: ∂L/∂ω and ∂L/∂α', (_, alpha) => {
    const g = metaSgdLossAndGrad(tasks, omega, alpha);
    for (const j of [0, 13, 59]) {
      closeRel(
        g.gradOmega[j],
        fd((w) => metaSgdLossAndGrad(tasks, w, alpha).loss, omega, j),
      );
    }
    for (const j of alpha.length === 1 ? [0] : [2, 31, 58]) {
      closeRel(
        g.gradAlpha[j],
        fd((a) => metaSgdLossAndGrad(tasks, omega, a).loss, alpha, j),
      );
    }
  });

  test('first-order toggle drops only the second-order term of ∂L/∂ω', () => {
    const alpha = Float64Array.of(0.5);
    const exact = metaSgdLossAndGrad(tasks, omega, alpha);
    const fo = metaSgdLossAndGrad(tasks, omega, alpha, true);
    expect(fo.loss).toBe(exact.loss);
    closeRel(fo.gradAlpha[0], exact.gradAlpha[0], 1e-12);
    const diff = fo.gradOmega.reduce((a, x, j) => a + Math.abs(x - exact.gradOmega[j]), 0);
    expect(diff).toBeGreaterThan(1e-3);
    // With α = 0 the inner step is the identity and both gradients coincide.
    const zero = Float64Array.of(0);
    const e0 = metaSgdLossAndGrad(tasks, omega, zero).gradOmega;
    const f0 = metaSgdLossAndGrad(tasks, omega, zero, true).gradOmega;
    e0.forEach((x, j) => closeRel(x, f0[j], 1e-12));
  });
});

describe('hyper-gradient of the test loss through the exact outer-loop solution', () => {
  const rng = createRng(4, 0);
  test.each([-1.2, 0.2, 0.9])('overparameterized (Fig. 2), scalar α_t = %s', (a) => {
    const st = FIG2_SETTING;
    const tasks = drawTasks(rng, st);
    const alpha = Float64Array.of(a);
    const g = solveOuterLoop(tasks, alpha, st).hyperGrad[0];
    closeRel(
      g,
      fd((x) => solveOuterLoop(tasks, x, st, false).testLoss, alpha, 0),
      1e-5,
    );
  });

  test('overparameterized, per-parameter rates, ω0 ≠ 0 and w0 ≠ 0', () => {
    const st = { ...FIG2_SETTING, omega0: 0.05, w0: 0.1 };
    const tasks = drawTasks(rng, st);
    const alpha = new Float64Array(st.p).map(() => -0.5 + 0.3 * rng.normal());
    const g = solveOuterLoop(tasks, alpha, st).hyperGrad;
    for (const j of [0, 29, 59])
      closeRel(
        g[j],
        fd((x) => solveOuterLoop(tasks, x, st, false).testLoss, alpha, j),
        1e-5,
      );
  });

  test('underparameterized (Fig. 3 sizes, least squares), scalar and per-parameter', () => {
    const st = {
      p: 30,
      nt: 5,
      nv: 25,
      nr: 10,
      m: 40,
      sigma: 0.2,
      nu: 0.2,
      w0: 0,
      omega0: 0,
      alphaR: 0.2,
    };
    const tasks = drawTasks(rng, st);
    const scalar = Float64Array.of(-0.3);
    closeRel(
      solveOuterLoop(tasks, scalar, st).hyperGrad[0],
      fd((x) => solveOuterLoop(tasks, x, st, false).testLoss, scalar, 0),
      1e-5,
    );
    const alpha = new Float64Array(st.p).map(() => 0.1 * rng.normal());
    const g = solveOuterLoop(tasks, alpha, st).hyperGrad;
    for (const j of [1, 17])
      closeRel(
        g[j],
        fd((x) => solveOuterLoop(tasks, x, st, false).testLoss, alpha, j),
        1e-5,
      );
  });

  test('overparameterized ω* interpolates the meta-training validation data', () => {
    const st = FIG2_SETTING;
    const tasks = drawTasks(rng, st);
    const alpha = Float64Array.of(-1);
    const { omegaStar } = solveOuterLoop(tasks, alpha, st, false);
    // Zero meta-training loss at ω* (theory.md §1: p > n_v m, B ω* = γ).
    expect(metaSgdLossAndGrad(tasks, omegaStar, alpha).loss).toBeLessThan(1e-20);
  });
});
