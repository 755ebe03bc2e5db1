/// <reference lib="webworker" />
/**
 * The compute worker: owns TensorFlow.js (the page bundle never imports it) and runs the heavy jobs
 * registered in src/compute/runners.ts, one lane per job kind. Exposed with Comlink; the page talks
 * to it through src/state/workerClient.ts.
 */
import * as Comlink from 'comlink';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { JobWorkerApi } from '../core/jobs/workerProtocol';
import type { BackendLoaders } from '../compute/backend/selectBackend';
import { createBackendEngineHost } from '../compute/sim/engineHost';
import { setSimEngineHost } from '../compute/sim/simulate';
import { registerComputeRunners } from '../compute/runners';
import { registerFastWasmSlices } from '../compute/backend/wasmSliceKernels';
import { JobHost } from './jobHost';
import { loadOmniglotInWorker } from './omniglotData';

const loaders: BackendLoaders = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
    registerFastWasmSlices();
  },
};

const engines = createBackendEngineHost(loaders);
setSimEngineHost(engines.host);

const host = new JobHost();
registerComputeRunners(host, engines.select, loadOmniglotInWorker);

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
