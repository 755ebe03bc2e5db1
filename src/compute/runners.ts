/**
 * Registers the nonlinear / Meta-SGD JobRunners in the compute worker's JobHost (browser only: it
 * imports the browser registration of tfjs gradients). Jobs that use tfjs first select the backend
 * the job asks for, with the worker's fallback chain; if that ends at 'cpu' (no tfjs backend
 * started), tfjs's own CPU backend runs them.
 */
import type { BackendInfo } from '../core/jobs/backend';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './nn/gradientsBrowser';
import type { BackendChoice } from '../core/sim/types';
import type { JobRunner } from '../core/jobs/context';
import { runFeatureReuseProbe } from './probe/featureReuseProbe';
import { runFig5Sweep } from './fig5/fig5Sweep';
import { runLearnedRates } from './metaSgd/learnedRatesJob';
import { runMetaSgdMlp } from './metaSgd/metaSgdMlpJob';
import { NONLINEAR_JOBS } from '../core/jobs/names';

export { NONLINEAR_JOBS } from '../core/jobs/names';

/** A tfjs job as sent to the worker: the runner's job plus the backend choice. */
export interface WithBackend<J> {
  job: J;
  backend?: BackendChoice;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

export function registerNonlinearJobs(
  host: { register(name: string, runner: AnyRunner): void },
  select: (choice: BackendChoice) => Promise<BackendInfo>,
): void {
  const onBackend =
    <J, P, R>(runner: JobRunner<J, P, R>): JobRunner<WithBackend<J>, P, R> =>
    async ({ job, backend }, ctx) => {
      const info = await select(backend ?? 'auto');
      if (info.name === 'cpu' && tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
      return runner(job, ctx);
    };
  host.register(NONLINEAR_JOBS.learnedRates, runLearnedRates);
  host.register(NONLINEAR_JOBS.fig5, onBackend(runFig5Sweep));
  host.register(NONLINEAR_JOBS.metaSgd, onBackend(runMetaSgdMlp));
  host.register(NONLINEAR_JOBS.probe, onBackend(runFeatureReuseProbe));
}
