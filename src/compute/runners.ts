/**
 * The compute worker's runners, by the name of their JobSpec in src/core (browser only: it imports
 * the browser registration of tfjs gradients). A tfjs job first selects the backend it asks for,
 * with the worker's fallback chain (if that ends at 'cpu', tfjs's own CPU backend runs it); its
 * partials and result are tagged with the backend's name, so every view can say where it ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './nn/gradientsBrowser';
import type { BackendInfo } from '../core/jobs/backend';
import type { JobRunner } from '../core/jobs/context';
import type { BackendChoice } from '../core/sim/types';
import { fig5Spec } from '../core/fig5/job';
import { metaSgdSpec } from '../core/metaSgd/jobs';
import { probeSpec } from '../core/probe/job';
import { simJobSpec } from '../core/sim/job';
import { scaleUpSpec } from '../core/sim/scaleUp';
import { sinusoidGridSpec } from '../core/stability/jobs';
import { runFeatureReuseProbe } from './probe/featureReuseProbe';
import { runFig5Sweep } from './fig5/fig5Sweep';
import { runMetaSgdMlp } from './metaSgd/metaSgdMlpJob';
import { runScaleUp } from './sim/scaleUp';
import { runSimulation } from './sim/simulate';
import { sinusoidGridRunner } from './stability/sinusoidGrid';
import { ogInnerLoopSpec, ogMetaSgdSpec, ogRatesSpec } from '../core/omniglot/training';
import type { OmniglotData } from '../core/omniglot/format';
import { innerLoopRunner, metaSgdRunner, ratesRunner } from './omniglot/train';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

export function registerComputeRunners(
  host: { register(name: string, runner: AnyRunner): void },
  select: (choice: BackendChoice) => Promise<BackendInfo>,
  /** The shipped Omniglot data (fetched by the worker on first use). */
  loadOmniglot?: () => Promise<OmniglotData>,
): void {
  /** Runs `runner` on the chosen backend, tagging partials and the result with it. */
  const onBackend =
    <J, P extends object, R extends object>(
      runner: JobRunner<J, P, R>,
    ): JobRunner<{ backend?: BackendChoice }, P, R> =>
    async (request, ctx) => {
      const info = await select(request.backend ?? 'auto');
      if (info.name === 'cpu' && tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
      const tag = { backend: info.name, ...(info.notice ? { notice: info.notice } : {}) };
      const tagged = { ...ctx, progress: (p: P) => ctx.progress({ ...p, ...tag }) };
      const job = 'job' in request ? (request as { job: J }).job : (request as J);
      return { ...(await runner(job, tagged)), ...tag };
    };
  host.register(simJobSpec.name, runSimulation); // selects (and falls back) per chunk itself
  host.register(scaleUpSpec.name, runScaleUp); // the simulation at each scale, same engines
  host.register(fig5Spec.name, onBackend(runFig5Sweep));
  host.register(metaSgdSpec.name, onBackend(runMetaSgdMlp));
  host.register(probeSpec.name, onBackend(runFeatureReuseProbe));
  host.register(sinusoidGridSpec.name, onBackend(sinusoidGridRunner));
  if (loadOmniglot) {
    host.register(ogInnerLoopSpec.name, onBackend(innerLoopRunner(loadOmniglot)));
    host.register(ogRatesSpec.name, onBackend(ratesRunner(loadOmniglot)));
    host.register(ogMetaSgdSpec.name, onBackend(metaSgdRunner(loadOmniglot)));
  }
}
