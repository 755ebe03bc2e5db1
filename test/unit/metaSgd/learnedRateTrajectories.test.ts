import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { bestAdaptationRate, drawTasks, FIG2_SETTING } from '../../../src/core/metaSgd/linearTasks';
import { solveOuterLoop } from '../../../src/core/metaSgd/exactOuterSolution';
import {
  defaultTrajectoryConfig,
  startTrajectory,
  tailAverageAlpha,
} from '../../../src/core/metaSgd/learnedRateTrajectories';
import { simulatedAlphaOptimum } from '../../../src/core/metaSgd/simulatedOptimum';

const st = FIG2_SETTING;
/** Eq. 8 (theory.md §1): α_t⁻ = −(n_t+1)/(2p) − √((n_t+1)²/(4p²) + n_t/p). */
const eq8Minus =
  -(st.nt + 1) / (2 * st.p) - Math.sqrt((st.nt + 1) ** 2 / (4 * st.p ** 2) + st.nt / st.p);

describe('simulation of the exact outer-loop solution', () => {
  test('matches the shared reference simulation at α_t = −1 (Fig. 2, exact estimator)', () => {
    // reference-values.json id fig2_sim_exact_at-1.0: mean 0.6871398613193104, stderr 1.3739e-4.
    const rng = createRng(11, 0);
    const n = 1500;
    const losses = Array.from(
      { length: n },
      () => solveOuterLoop(drawTasks(rng, st), Float64Array.of(-1), st, false).testLoss,
    );
    const mean = losses.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) / n);
    const z = (mean - 0.6871398613193104) / Math.hypot(se, 1.3738806273306853e-4);
    expect(Math.abs(z)).toBeLessThan(4);
  });
});

describe('learned scalar α_t at the Fig. 2 setting (quality bar of issue 5)', () => {
  test('Eq. 8 in this test agrees with the reference value', () => {
    expect(eq8Minus).toBeCloseTo(-1.0111521104046224, 12);
  });

  test('test-loss hyper-gradient ends at the simulated optimum, negative and near Eq. 8', () => {
    const sim = simulatedAlphaOptimum(
      st,
      Array.from({ length: 13 }, (_, k) => -1.6 + 0.1 * k),
      600,
      5,
    );
    const traj = startTrajectory(st, defaultTrajectoryConfig('testHyperGradient', false, 2));
    traj.advance(1200);
    const end = tailAverageAlpha(traj.points);
    const z = (end.mean - sim.argmin) / Math.hypot(end.stderr, sim.argminStderr);
    expect(Math.abs(z)).toBeLessThan(4);
    expect(end.mean).toBeLessThan(-0.6);
    // The simulated optimum sits within the finite-size gap of the asymptotic Eq. 8.
    expect(Math.abs(sim.argmin - eq8Minus)).toBeLessThan(0.2);
  });

  test('Meta-SGD with fresh tasks every step ends positive, near the best adaptation rate', () => {
    const traj = startTrajectory(st, defaultTrajectoryConfig('freshTasks', false, 3));
    traj.advance(6000);
    const end = tailAverageAlpha(traj.points);
    expect(end.mean - 4 * end.stderr).toBeGreaterThan(0);
    // Its average objective is the adaptation loss on n_t points; with ω at w0 that is minimized
    // at the best adaptation rate (K = ν²); ω's SGD noise can only push the target up (K ≥ ν²).
    const floor = bestAdaptationRate(st.nu ** 2, st.p, st.nt, st.sigma);
    expect(end.mean + 4 * end.stderr).toBeGreaterThan(floor);
    expect(end.mean).toBeLessThan(0.4);
  });

  test('Meta-SGD on fixed tasks (p > n_v m) reaches zero meta-training loss and α_t freezes', () => {
    const traj = startTrajectory(st, defaultTrajectoryConfig('fixedTasks', false, 4));
    traj.advance(600);
    const pts = traj.points;
    const last = pts[pts.length - 1];
    const mid = pts[Math.floor(pts.length / 2)];
    expect(last.objective).toBeLessThan(1e-12);
    expect(Math.abs(last.alphaMean - mid.alphaMean)).toBeLessThan(1e-9);
    // It stopped wherever it was: nowhere near the test-loss optimum.
    expect(last.alphaMean).toBeGreaterThan(0);
  });

  test('per-parameter rates: hyper-gradient mean negative, fresh-task mean positive', () => {
    const hyper = startTrajectory(st, defaultTrajectoryConfig('testHyperGradient', true, 6));
    hyper.advance(400);
    expect(tailAverageAlpha(hyper.points).mean).toBeLessThan(-0.5);
    const fresh = startTrajectory(st, defaultTrajectoryConfig('freshTasks', true, 7));
    fresh.advance(3000);
    expect(tailAverageAlpha(fresh.points).mean).toBeGreaterThan(0);
  });
});
