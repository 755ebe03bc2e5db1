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
  progress: (s) => ({
    done: s.done,
    total: s.total,
    phase:
      `networks ${s.modelsDone}/${s.models} trained and scored` +
      (s.modelsDone < s.models ? `, epoch ${s.epoch}/${s.epochs}` : '') +
      (s.shards > 1 ? ` (${s.shards} workers)` : ''),
  }),
};
