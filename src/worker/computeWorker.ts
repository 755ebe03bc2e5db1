/// <reference lib="webworker" />
/**
 * The compute worker: owns TensorFlow.js (the page bundle never imports it) and runs the heavy jobs
 * registered in src/compute/runners.ts, one lane per job kind. Exposed with Comlink; the page talks
 * to it through src/state/workerClient.ts.
 */
import * as Comlink from 'comlink';
import type { JobWorkerApi } from '../core/jobs/workerProtocol';
import { createBackendEngineHost } from '../compute/sim/engineHost';
import { setSimEngineHost } from '../compute/sim/simulate';
import { registerComputeRunners } from '../compute/runners';
import { JobHost } from './jobHost';
import { browserShardPool } from './browserShardPool';
import { workerBackendLoaders } from './tfjsLoaders';
import { loadOmniglotInWorker } from './omniglotData';

const loaders = workerBackendLoaders;

const engines = createBackendEngineHost(loaders);
setSimEngineHost(engines.host);

const host = new JobHost();
registerComputeRunners(host, engines.select, browserShardPool(), loadOmniglotInWorker);

const api: Required<JobWorkerApi> = {
  start: (lane, name, id, job, onPartial) => host.start(lane, name, id, job, onPartial),
  cancel: (lane, id) => host.cancel(lane, id),
  pause: (lane) => host.pause(lane),
  resume: (lane) => host.resume(lane),
  ping: () => Date.now(),
  backendInfo: async (choice) => {
    await engines.select(choice);
    return engines.info()!;
  },
  numTensors: async () => (await import('@tensorflow/tfjs-core')).memory().numTensors,
};

Comlink.expose(api);
