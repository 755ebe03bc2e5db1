/** The feature-reuse probe as a job (runner: src/compute/probe/featureReuseProbe.ts). */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import type { Params } from '../params';
import { DEFAULT_CLUSTERS } from './gaussianClusterTasks';
import type { ProbeJob, ProbeProgress, ProbeResult } from './types';

export const probeJob = (p: Params): ProbeJob => ({
  family: DEFAULT_CLUSTERS,
  hidden: p.probeHidden,
  iterations: p.probeIters,
  metaBatch: p.probeMetaBatch,
  outerLr: p.probeOuterLr,
  alpha: p.probeAlpha,
  innerSteps: 1,
  firstOrder: p.nlFirstOrder,
  evalTasks: p.probeTasks,
  seed: p.nlSeed,
});

const STAGES: ProbeProgress['stage'][] = ['train MAML', 'train Meta-SGD', 'evaluate'];

export const probeSpec: JobSpec<WithBackend<ProbeJob>, ProbeProgress, ProbeResult> = {
  name: 'nl-probe',
  lane: 'probe',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: probeJob(p), backend: p.backend }),
  // Three stages of equal weight, so the ETA spans the whole probe.
  progress: (s) => {
    const k = STAGES.indexOf(s.stage);
    const f = s.total > 0 ? s.done / s.total : 0;
    return {
      done: Math.round((k + f) * 1000),
      total: 3000,
      phase: `${s.stage} ${s.done}/${s.total}`,
    };
  },
};
