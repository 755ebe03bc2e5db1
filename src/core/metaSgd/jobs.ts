/** The Meta-SGD jobs: learned αt in mixed linear regression, and Meta-SGD on an MLP. */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import { linearSettingFromParams } from '../nonlinear/nonlinearSettings';
import type { Params } from '../params';
import type {
  LearnedRatesJob,
  LearnedRatesProgress,
  LearnedRatesResult,
} from './learnedRatesTypes';
import type { MetaSgdMlpJob, MetaSgdMlpResult, MetaSgdProgress } from './mlpTypes';

export const learnedRatesJob = (p: Params): LearnedRatesJob => ({
  setting: linearSettingFromParams(p),
  alphaInit: p.lrAlphaInit,
  freshOuterLr: p.lrOuterLr,
  freshSteps: p.lrSteps,
  firstOrder: p.nlFirstOrder,
  perParameter: true,
  optimumDraws: p.lrOptimumDraws,
  seed: p.nlSeed,
});

/** Plain Float64 TypeScript (runner: ./learnedRatesRunner.ts, in the light worker): no backend. */
export const learnedRatesSpec: JobSpec<LearnedRatesJob, LearnedRatesProgress, LearnedRatesResult> =
  {
    name: 'nl-learned-rates',
    lane: 'learned-rates',
    worker: 'pure',
    // Pure Float64 and tens of seconds: it starts by itself when its view is shown.
    start: 'auto',
    views: ['nonlinear'],
    fromParams: learnedRatesJob,
    // Six trajectories (three objectives, scalar and per-parameter), then the simulated optimum.
    progress: (s) => ({ done: s.trajectories.length, total: 7 }),
  };

export const metaSgdMlpJob = (p: Params): MetaSgdMlpJob => ({
  task: p.msTask,
  iterations: p.msIters,
  alphaInit: p.msAlphaInit,
  outerLr: p.msOuterLr,
  firstOrder: p.nlFirstOrder,
  width: p.f5Width,
  withMaml: true,
  testTasks: p.msTestTasks,
  seed: p.nlSeed,
});

export const metaSgdSpec: JobSpec<WithBackend<MetaSgdMlpJob>, MetaSgdProgress, MetaSgdMlpResult> = {
  name: 'nl-metasgd',
  lane: 'metasgd',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: metaSgdMlpJob(p), backend: p.backend }),
  progress: (s, { job }) =>
    s.iteration >= job.iterations
      ? {
          done: s.iteration,
          total: job.iterations,
          phase: `trained; ${job.withMaml ? 'training MAML for comparison, then ' : ''}scoring both on ${job.testTasks} test tasks`,
        }
      : { done: s.iteration, total: job.iterations },
};
