/**
 * Registers the stability view's JobRunner in the compute worker's JobHost (browser only: it
 * imports the browser registration of tfjs gradients). The job selects its backend with the
 * worker's fallback chain; if that ends at 'cpu', tfjs's own CPU backend runs it. Partials and
 * the result carry the backend's name so the page can show where the grid trains.
 */
import type { BackendInfo } from '../../core/jobs/backend';
import type { SinusoidGridJob } from '../../core/stability/sinusoidTypes';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../nn/gradientsBrowser';
import type { BackendChoice } from '../../core/sim/types';
import type { JobRunner } from '../../core/jobs/context';
import { sinusoidGridRunner } from './sinusoidGrid';
import { STABILITY_SINUSOID_JOB } from '../../core/stability/sinusoidJob';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

export function registerStabilityJobs(
  host: { register(name: string, runner: AnyRunner): void },
  select: (choice: BackendChoice) => Promise<BackendInfo>,
): void {
  const run: JobRunner<SinusoidGridJob & { backend?: BackendChoice }, object, object> = async (
    job,
    ctx,
  ) => {
    const info = await select(job.backend ?? 'auto');
    if (info.name === 'cpu' && tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
    const tagged = { ...ctx, progress: (p: object) => ctx.progress({ ...p, backend: info.name }) };
    return { ...(await sinusoidGridRunner(job, tagged)), backend: info.name };
  };
  host.register(STABILITY_SINUSOID_JOB, run);
}
