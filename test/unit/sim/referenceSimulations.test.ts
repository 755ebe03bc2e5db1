import { describe, expect, test } from 'vitest';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { accumulateRuns, createAccumulators } from '../../../src/core/sim/lossCoefficients';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import { zScore } from '../../../src/core/sim/stats';
import { jobOf, referenceSimulations } from './fixtures';

/** Runs per reference entry: enough for a sharp test, small enough for a fast suite. */
const RUNS: Record<string, number> = {
  'fig2_sim_exact_at-1.0': 20000,
  'fig2_sim_mc_at-1.0': 600,
  'fig3_sim_exact_at0.0': 400,
};

describe('CPU simulation vs the independent reference simulation (|z| < 4)', () => {
  test('the reference file has simulation entries', () => {
    expect(referenceSimulations.length).toBeGreaterThanOrEqual(3);
  });
  for (const ref of referenceSimulations) {
    test(ref.id, () => {
      const runs = RUNS[ref.id] ?? 300;
      const job = jobOf({
        ...ref.params,
        alphaT: ref.alpha_t,
        alphaR: ref.alpha_r,
        estimator: ref.estimator,
        runs,
        seed: 12345,
      });
      const rc = simulateRunsCpu(job, covariancesForSim(job.params), 0, runs);
      const acc = createAccumulators(job);
      accumulateRuns(job, rc, acc);
      const s = acc[0].stats();
      const z = zScore(s.mean, s.stderr, ref.mean, ref.stderr);
      console.log(
        `${ref.id}: sim ${s.mean} ± ${s.stderr} (${runs} runs), ref ${ref.mean} ± ${ref.stderr}, z = ${z.toFixed(2)}`,
      );
      expect(s.illConditioned || s.diverged).toBe(false);
      expect(Math.abs(z)).toBeLessThan(4);
    });
  }
});
