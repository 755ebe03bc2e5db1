import { describe, expect, test } from 'vitest';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import {
  accumulateRuns,
  createAccumulators,
  evalLoss,
} from '../../../src/core/sim/lossCoefficients';
import {
  covariancesForSim,
  denseCovariances,
  isotropicCovariances,
} from '../../../src/core/sim/simCovariances';
import { NormalStream } from '../../../src/core/sim/normalStream';
import { reducedPaperStyleCoefficients } from '../../../src/core/sim/reducedPaperStyle';
import { band95, meanAndStderr, zScore } from '../../../src/core/sim/stats';
import type { SimJob } from '../../../src/core/sim/types';
import { jobOf } from './fixtures';

function statsOf(job: SimJob, runs: number) {
  const rc = simulateRunsCpu(job, covariancesForSim(job.params), 0, runs);
  const acc = createAccumulators(job);
  accumulateRuns(job, rc, acc);
  return acc.map((a) => a.stats());
}

describe('test-loss estimators', () => {
  const samplers = [
    ['iso', 'reduced'],
    ['iso', 'direct'],
    ['diag', 'direct'],
    ['wishart', 'direct'],
  ] as const;
  for (const [cov, sampler] of samplers) {
    test(`${cov}, ${sampler} sampler: the paper-style estimate of one run converges to its exact conditional loss`, () => {
      // Same meta-training draws (same seed, run and sampler), many test tasks: mc → exact given ω*.
      const base = { cov, p: 20, nt: 15, nr: 10, alphaT: -0.5, alphaR: 0.3, seed: 3 };
      const sweepR = [-0.2, 0.6];
      const exact = simulateRunsCpu(
        jobOf(base, [], sweepR),
        covariancesForSim(jobOf(base).params),
        0,
        1,
        sampler,
      );
      const mcJob = jobOf({ ...base, estimator: 'mc', testTasks: 1, testPoints: 20 }, [], sweepR);
      // Keep ω* (run 0's meta-training draw) and average over 40000 test tasks at each αr.
      for (const ar of [0.3, -0.2, 0.6]) {
        const job = { ...mcJob, params: { ...mcJob.params, testTasks: 40000, alphaR: ar } };
        const rc = simulateRunsCpu(job, covariancesForSim(job.params), 0, 1, sampler);
        const got = evalLoss(rc.coef, 0, ar);
        const want = evalLoss(exact.coef, 0, ar);
        // Relative SE of a 40000-task average ≲ 0.8/√40000 = 0.4 % (Wishart tails): allow ~3 SE.
        expect(Math.abs(got / want - 1)).toBeLessThan(0.012);
      }
    });
  }

  test('reduced and direct paper-style samplers agree in distribution (also for p ≤ #αt and p < nv·m)', () => {
    for (const over of [{}, { p: 3, nt: 4 }, { p: 5, m: 4, nv: 3, nt: 4 }]) {
      const job = jobOf(
        { ...over, estimator: 'mc', testTasks: 20, testPoints: 10, alphaT: -0.4 },
        [0.3, 1],
        [0.6],
      );
      const cov = covariancesForSim(job.params);
      const stats = (sampler: 'reduced' | 'direct') => {
        const acc = createAccumulators(job);
        accumulateRuns(job, simulateRunsCpu(job, cov, 0, 300, sampler), acc);
        return acc.map((a) => a.stats());
      };
      const a = stats('reduced');
      const b = stats('direct');
      // Independent draws of the same distribution: compare each point within 4 SE.
      a.forEach((s, i) =>
        expect(Math.abs(zScore(s.mean, s.stderr, b[i].mean, b[i].stderr))).toBeLessThan(4),
      );
    }
  });

  test('isotropic fast path equals the dense path with Σ = I, Σw = ν²/p I', () => {
    const job = jobOf(
      { p: 12, nt: 8, alphaT: 0.7, alphaR: 0.1, estimator: 'mc', testTasks: 5 },
      [0, -1],
      [0.5],
    );
    const { p, nu } = job.params;
    const eye = (c: number) => {
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) a[i * p + i] = c;
      return a;
    };
    const dense = denseCovariances(p, nu, {
      sigma: eye(1),
      sigmaW: eye((nu * nu) / p),
      sigmaFactor: eye(1),
      sigmaWFactor: eye(nu / Math.sqrt(p)),
    });
    for (const estimator of ['mc', 'exact'] as const) {
      const j = { ...job, params: { ...job.params, estimator } };
      const a = simulateRunsCpu(j, isotropicCovariances(p, nu), 0, 4, 'direct');
      const b = simulateRunsCpu(j, dense, 0, 4, 'direct');
      for (let i = 0; i < a.coef.length; i++) expect(b.coef[i]).toBeCloseTo(a.coef[i], 10);
    }
  });

  test('common random numbers: a sweep point at the current αt equals the current point', () => {
    const job = jobOf({ alphaT: 0.2, alphaR: 0.2 }, [-1, 0.2, 1], [0, 0.2]);
    const s = statsOf(job, 50);
    expect(s[2].mean).toBe(s[0].mean);
    expect(s[5].mean).toBe(s[0].mean);
    expect(s[2].stderr).toBe(s[0].stderr);
  });

  test('runs are reproducible and independent of chunking', () => {
    const job = jobOf({ estimator: 'mc', testTasks: 3 }, [-0.5]);
    const cov = covariancesForSim(job.params);
    const whole = simulateRunsCpu(job, cov, 0, 6);
    const a = simulateRunsCpu(job, cov, 0, 2);
    const b = simulateRunsCpu(job, cov, 2, 6);
    expect(Array.from(whole.coef)).toEqual([...a.coef, ...b.coef]);
  });

  test('near p = nv·m every point is flagged ill-conditioned, and no NaN is reported as data', () => {
    const s = statsOf(jobOf({ p: 6, nv: 2, m: 3, nt: 10 }, [0.5]), 30);
    for (const point of s) {
      expect(point.illConditioned).toBe(true);
      if (!point.diverged) expect(Number.isFinite(point.mean)).toBe(true);
    }
  });
});

describe('statistics helpers', () => {
  test('mean, stderr (ddof = 1), 95 % band and z', () => {
    const { mean, stderr } = meanAndStderr([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(stderr).toBeCloseTo(Math.sqrt(5 / 3 / 4), 14);
    const [lo, hi] = band95({ mean, stderr });
    expect(hi - lo).toBeCloseTo(2 * 1.959963984540054 * stderr, 12);
    expect(zScore(1, 3, 0, 4)).toBeCloseTo(0.2, 14);
  });
});

describe('reduced paper-style sampler', () => {
  test('the task-accumulated quadratic forms equal the per-αt evaluation (same draws)', () => {
    const rs = new NormalStream(9, 9);
    for (const c of [
      { p: 60, nr: 20, r: 12 }, // Bartlett W3
      { p: 20, nr: 20, r: 12 }, // direct W3
      { p: 13, nr: 20, r: 12 }, // no W3
    ]) {
      const pr = jobOf({ p: c.p, nr: c.nr, estimator: 'mc', testTasks: 30, testPoints: 20 }).params;
      const spanning = Array.from({ length: c.r }, () => rs.fill(new Float64Array(c.p)));
      const d = Array.from({ length: 5 }, () => {
        const v = new Float64Array(c.p);
        for (const s of spanning) {
          const w = 0.1 * rs.normal();
          s.forEach((x, i) => (v[i] += w * x));
        }
        return v;
      });
      const a = new Float64Array(15);
      const b = new Float64Array(15);
      reducedPaperStyleCoefficients(pr, 3, d, a, 0, spanning);
      reducedPaperStyleCoefficients(pr, 3, d, b, 0, spanning, 'perAlpha');
      for (let i = 0; i < 15; i++) expect(a[i]).toBeCloseTo(b[i], 10);
    }
  });
});
