/**
 * JobRunner for the learned-αt panel (mixed linear regression, pure Float64 TypeScript from
 * src/core/metasgd): the three scalar trajectories, their per-parameter versions (histograms), the
 * simulated optimum they are compared with, and the reference lines (Eq. 8's α_t⁻, best adaptation
 * rate). Runs the same in the worker, the CLI and the tests.
 */
import {
  DEFAULT_TRAJECTORY_STEPS,
  TRAJECTORY_KINDS,
  defaultTrajectoryConfig,
  startTrajectory,
  tailAverageAlpha,
} from './learnedRateTrajectories';
import { bestAdaptationRate } from './linearTasks';
import { simulatedAlphaOptimum, type SimulatedOptimum } from './simulatedOptimum';
import { layerRateStatistics } from './rateStatistics';
import { eq8AlphaTStationaryPoints } from '../theory';
import type { JobRunner } from '../jobs/context';
import type {
  LearnedRatesJob,
  TrajectorySummary,
  LearnedRatesProgress,
  LearnedRatesResult,
} from './learnedRatesTypes';

const CHUNK = 200;

function summarize(t: ReturnType<typeof startTrajectory>): TrajectorySummary {
  return {
    kind: t.config.kind,
    perParameter: t.config.perParameter,
    points: [...t.points],
    final: tailAverageAlpha(t.points),
    alpha: Array.from(t.alpha),
  };
}

export const runLearnedRates: JobRunner<
  LearnedRatesJob,
  LearnedRatesProgress,
  LearnedRatesResult
> = async (job, ctx) => {
  const st = job.setting;
  const done: TrajectorySummary[] = [];
  const variants = job.perParameter ? [false, true] : [false];
  for (const perParameter of variants) {
    for (const kind of TRAJECTORY_KINDS) {
      const cfg = {
        ...defaultTrajectoryConfig(kind, perParameter, job.seed),
        alphaInit: job.alphaInit,
      };
      if (kind !== 'testHyperGradient') cfg.firstOrder = job.firstOrder;
      let steps = DEFAULT_TRAJECTORY_STEPS[kind];
      if (kind === 'freshTasks') {
        steps = job.freshSteps;
        cfg.omegaLr = job.freshOuterLr;
        // Per-parameter rates see ~1/p of the scalar gradient each: scale their step up.
        cfg.alphaLr = perParameter ? job.freshOuterLr * 30 : job.freshOuterLr;
        cfg.recordEvery = Math.max(1, Math.round(steps / 200));
      }
      const t = startTrajectory(st, cfg);
      while (t.step < steps) {
        t.advance(Math.min(CHUNK, steps - t.step));
        ctx.progress({ trajectories: [...done, summarize(t)] });
        await ctx.checkpoint();
      }
      done.push(summarize(t));
    }
  }
  let simulatedOptimum: SimulatedOptimum | null = null;
  if (job.optimumDraws > 0) {
    const eq8 = st.p > st.nv * st.m ? eq8AlphaTStationaryPoints(st.p, st.nt).minus : -1;
    const centre = Math.min(-0.2, eq8);
    const grid = Array.from({ length: 21 }, (_, k) => centre - 1 + 0.1 * k);
    simulatedOptimum = simulatedAlphaOptimum(st, grid, job.optimumDraws, job.seed);
  }
  const perParameterStats = layerRateStatistics(
    done.filter((t) => t.perParameter).map((t) => ({ name: t.kind, values: t.alpha })),
  );
  return {
    trajectories: done,
    perParameterStats,
    simulatedOptimum,
    references: {
      eq8AlphaTMinus: st.p > st.nv * st.m ? eq8AlphaTStationaryPoints(st.p, st.nt).minus : null,
      bestAdaptationRate: bestAdaptationRate(st.nu * st.nu, st.p, st.nt, st.sigma),
    },
  };
};
