/** Bernacchia Fig. 5's sweep as a job (runner: src/compute/fig5/fig5Sweep.ts). */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import { fig5SettingFromParams } from '../nonlinear/nonlinearSettings';
import type { Params } from '../params';
import type { Fig5Job, Fig5Progress, Fig5Result } from './types';

export const fig5Job = (p: Params): Fig5Job => ({ setting: fig5SettingFromParams(p) });

export const fig5Spec: JobSpec<WithBackend<Fig5Job>, Fig5Progress, Fig5Result> = {
  name: 'nl-fig5',
  lane: 'fig5',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: fig5Job(p), backend: p.backend }),
  progress: (s, { job }) => {
    const st = job.setting;
    const batch = s.groups > 1 ? `αt batch ${s.group}/${s.groups}: ` : '';
    // Training and scoring of every αt batch, as one count.
    const perGroup = st.epochs + st.testTasks;
    const inGroup = s.phase === 'test' ? st.epochs + s.tested : s.epoch;
    return {
      done: (s.group - 1) * perGroup + inGroup,
      total: s.groups * perGroup,
      phase:
        batch +
        (s.phase === 'test'
          ? `scoring on test tasks ${s.tested}/${st.testTasks}`
          : `epoch ${s.epoch}/${st.epochs}`),
    };
  },
};
