import { describe, expect, test } from 'vitest';
import { sampleOuterPieces, simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { accumulateRuns, createAccumulators } from '../../../src/core/sim/lossCoefficients';
import { reducedMetaTrainingPays } from '../../../src/core/sim/reducedMetaTraining';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import { zScore } from '../../../src/core/sim/stats';
import type { SimParams } from '../../../src/core/sim/types';
import { jobOf } from './fixtures';

/**
 * The reduced meta-training sampler (frame coordinates + X_t only through its projections) must
 * sample the same distribution as drawing every X_t: compared point by point, within 4 SE, with the
 * direct sampler on independent runs, in settings that exercise each branch.
 */
const SETTINGS: [string, Partial<SimParams>][] = [
  ['Fig. 2 sizes, p > N', { p: 40, nt: 20 }],
  ['w0, ω0 ≠ 0 (the all-ones direction)', { p: 30, nt: 15, w0: 0.4, omega0: -0.3, nu: 0.8 }],
  ['frame fills all p axes', { p: 9, nt: 12, m: 2, nv: 2 }],
  ['p < N (least squares)', { p: 10, nt: 40, nv: 5, m: 4 }],
  ['one validation point, one task', { p: 25, nt: 10, nv: 1, m: 1 }],
  ['ν = 0 (w = w0·1 exactly)', { p: 30, nt: 15, nu: 0, w0: 0.5 }],
  ['paper-style estimator', { p: 30, nt: 15, estimator: 'mc', testTasks: 20, testPoints: 10 }],
  ['paper-style estimator, frame fills p', { p: 9, nt: 12, m: 2, estimator: 'mc', testTasks: 10 }],
];

describe('reduced meta-training sampler', () => {
  for (const [name, over] of SETTINGS) {
    test(`agrees in distribution with the direct sampler: ${name}`, () => {
      const job = jobOf({ alphaT: -0.5, alphaR: 0.3, ...over }, [-1.5, 0, 0.8], [-0.2, 0.9]);
      expect(reducedMetaTrainingPays(job.params)).toBe(true);
      const cov = covariancesForSim(job.params);
      const runs = job.params.estimator === 'mc' ? 600 : 2000;
      const stats = (sampler: 'reduced' | 'direct', run0: number) => {
        const acc = createAccumulators(job);
        accumulateRuns(job, simulateRunsCpu(job, cov, run0, run0 + runs, sampler), acc);
        return acc.map((a) => a.stats());
      };
      const a = stats('reduced', 0);
      const b = stats('direct', runs); // other runs: independent of a
      a.forEach((s, i) => {
        expect(Number.isFinite(s.mean) && s.n === runs).toBe(true);
        expect(Math.abs(zScore(s.mean, s.stderr, b[i].mean, b[i].stderr))).toBeLessThan(4);
      });
    });
  }

  test('the pieces live in at most 1 + 2m(n_v + 1) coordinates, with |one|² = p', () => {
    const { params } = jobOf({ p: 60, nt: 30, w0: 0.2 });
    const cov = covariancesForSim(params);
    const reduced = sampleOuterPieces(params, cov, 3);
    expect(reduced.p).toBe(1 + 2 * params.m * (params.nv + 1));
    expect(reduced.P.length).toBe(params.nv * params.m * reduced.p);
    expect(reduced.one.reduce((s, x) => s + x * x, 0)).toBeCloseTo(params.p, 12);
    const direct = sampleOuterPieces(params, cov, 3, 'direct');
    expect(direct.p).toBe(params.p);
    expect(Array.from(direct.one)).toEqual(new Array(params.p).fill(1));
  });

  test('it is used only where it draws fewer normals, and never for non-isotropic inputs', () => {
    expect(reducedMetaTrainingPays({ p: 60, nt: 30, nv: 2 })).toBe(true);
    expect(reducedMetaTrainingPays({ p: 30, nt: 5, nv: 25 })).toBe(false); // Fig. 3: n_t ≤ n_v + 1
    expect(reducedMetaTrainingPays({ p: 3, nt: 30, nv: 2 })).toBe(false);
    const { params } = jobOf({ cov: 'diag', p: 40, nt: 20 });
    const cov = covariancesForSim(params);
    expect(sampleOuterPieces(params, cov, 0).p).toBe(40);
  });
});
