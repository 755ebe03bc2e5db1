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
import type { JobContext, JobRunner } from '../core/jobs/context';
import type { BackendChoice } from '../core/sim/types';
import { fig5Spec } from '../core/fig5/job';
import { metaSgdSpec } from '../core/metaSgd/jobs';
import { probeSpec } from '../core/probe/job';
import { simJobSpec } from '../core/sim/job';
import { scaleUpSpec } from '../core/sim/scaleUp';
import { sinusoidGridSpec } from '../core/stability/jobs';
import { runFeatureReuseProbe } from './probe/featureReuseProbe';
import { runFig5Sweep } from './fig5/fig5Sweep';
import { runFig5SweepOn } from './fig5/fig5Sharded';
import type { Fig5Job, Fig5Progress } from '../core/fig5/types';
import { runMetaSgdMlp } from './metaSgd/metaSgdMlpJob';
import { runScaleUp } from './sim/scaleUp';
import { runSimulation } from './sim/simulate';
import type { ShardPool } from './shards/shardPool';
import { mamlKernelSupported } from './kernels/mamlMlpKernel';
import { sinusoidGridRunnerOn } from './stability/sinusoidGrid';
import { sinusoidGridTfjsRunner } from './stability/sinusoidGridTfjs';
import type { SinusoidGridRequest } from '../core/stability/jobs';
import { ogInnerLoopSpec, ogMetaSgdSpec, ogRatesSpec } from '../core/omniglot/training';
import type { OmniglotData } from '../core/omniglot/format';
import { innerLoopRunner, metaSgdRunner, ratesRunner } from './omniglot/train';
import { ogStabilitySpec } from '../core/omniglot/stability';
import { ogStabilityRunner } from './omniglot/stabilityGrid';
import { ogProbeSpec } from '../core/omniglot/probe';
import { probeRunner } from './omniglot/probe';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

export function registerComputeRunners(
  host: { register(name: string, runner: AnyRunner): void },
  select: (choice: BackendChoice) => Promise<BackendInfo>,
  shards: ShardPool,
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
  // Fig. 5's networks are independent: on wasm or cpu they are split over the shard threads, each
  // running the wasm MAML kernel (tfjs on the same backend without WebAssembly SIMD); on a GPU one
  // thread keeps the one device and the tfjs engine.
  host.register(
    fig5Spec.name,
    onBackend((job: Fig5Job, ctx: JobContext<Fig5Progress>) => {
      const b = tf.getBackend();
      if (b !== 'wasm' && b !== 'cpu') return runFig5Sweep(job, ctx);
      return runFig5SweepOn(shards, job, ctx, mamlKernelSupported() ? 'kernel' : b);
    }),
  );
  host.register(metaSgdSpec.name, onBackend(runMetaSgdMlp));
  host.register(probeSpec.name, onBackend(runFeatureReuseProbe));
  // The sinusoid grid runs on the wasm MAML kernel over `shards` threads; an explicitly chosen GPU
  // backend (webgpu, webgl), or a browser without WebAssembly SIMD, runs the tfjs engine instead.
  const kernelGrid = sinusoidGridRunnerOn(shards);
  const tfjsGrid = onBackend(sinusoidGridTfjsRunner);
  host.register(sinusoidGridSpec.name, (async (request: SinusoidGridRequest, ctx) => {
    if (request.backend === 'webgpu' || request.backend === 'webgl' || !mamlKernelSupported())
      return tfjsGrid(request, ctx);
    const tagged = {
      ...ctx,
      progress: (p: object & { engine?: string }) => ctx.progress({ ...p, backend: p.engine }),
    };
    const r = await kernelGrid(request, tagged);
    return { ...r, backend: r.engine };
  }) as AnyRunner);
  if (loadOmniglot) {
    // MAML on the Conv4 kernel puts the second half of each meta-batch on a shard thread
    host.register(ogInnerLoopSpec.name, onBackend(innerLoopRunner(loadOmniglot, shards)));
    host.register(ogRatesSpec.name, onBackend(ratesRunner(loadOmniglot, shards)));
    host.register(ogMetaSgdSpec.name, onBackend(metaSgdRunner(loadOmniglot)));
    host.register(ogStabilitySpec.name, onBackend(ogStabilityRunner(loadOmniglot)));
    host.register(ogProbeSpec.name, onBackend(probeRunner(loadOmniglot, shards)));
  }
}
