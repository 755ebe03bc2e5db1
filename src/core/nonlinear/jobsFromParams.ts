/** Share-link parameters → the jobs of the nonlinear / Meta-SGD view (page, worker and CLI alike). */
import type { Fig5Job } from '../fig5/types';
import type { ProbeJob } from '../probe/types';
import type { LearnedRatesJob } from '../metaSgd/learnedRatesTypes';
import type { MetaSgdMlpJob } from '../metaSgd/mlpTypes';
import type { Params } from '../params';
import { DEFAULT_CLUSTERS } from '../probe/gaussianClusterTasks';
import { fig5SettingFromParams, linearSettingFromParams } from './nonlinearSettings';

export const learnedRatesJob = (p: Params): LearnedRatesJob => ({
  setting: linearSettingFromParams(p),
  alphaInit: p.lrAlphaInit,
  freshOuterLr: p.lrOuterLr,
  freshSteps: p.lrSteps,
  firstOrder: p.nlFirstOrder,
  perParameter: true,
  optimumDraws: 1000,
  seed: p.nlSeed,
});

export const fig5Job = (p: Params): Fig5Job => ({ setting: fig5SettingFromParams(p) });

export const metaSgdMlpJob = (p: Params): MetaSgdMlpJob => ({
  task: p.msTask,
  iterations: p.msIters,
  alphaInit: p.msAlphaInit,
  firstOrder: p.nlFirstOrder,
  width: p.f5Width,
  withMaml: true,
  testTasks: 200,
  seed: p.nlSeed,
});

export const probeJob = (p: Params): ProbeJob => ({
  family: DEFAULT_CLUSTERS,
  hidden: 32,
  iterations: p.probeIters,
  metaBatch: 8,
  outerLr: 0.003,
  alpha: p.probeAlpha,
  innerSteps: 1,
  firstOrder: p.nlFirstOrder,
  evalTasks: p.probeTasks,
  seed: p.nlSeed,
});
