/// <reference lib="webworker" />
/**
 * The compute worker: owns TensorFlow.js (the page bundle never imports it) and runs the heavy jobs
 * registered in its JobHost, starting with the simulation ('sim'). Exposed with Comlink; the page
 * talks to it through computeClient.ts / simClient.ts.
 */
import type { BackendInfo } from '../core/jobs/backend';
import * as Comlink from 'comlink';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice } from '../core/sim/types';
import type { BackendLoaders } from '../compute/backend/selectBackend';
import { createBackendEngineHost } from '../compute/sim/engineHost';
import { runSimulation, setSimEngineHost } from '../compute/sim/simulate';
import { JobHost, type JobOutcome } from './jobHost';
import { registerNonlinearJobs } from '../compute/runners';
import { registerStabilityJobs } from '../compute/stability/registerStabilityJobs';

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
  },
};

const engines = createBackendEngineHost(loaders);
setSimEngineHost(engines.host);

const host = new JobHost();
host.register('sim', runSimulation);
registerNonlinearJobs(host, engines.select);
registerStabilityJobs(host, engines.select);

export interface ComputeWorkerApi {
  start(
    name: string,
    id: number,
    job: unknown,
    onPartial: (p: unknown) => void,
  ): Promise<JobOutcome<unknown>>;
  cancel(id?: number): void;
  pause(): void;
  resume(): void;
  /** Starts (if needed) and describes the backend for `choice`. */
  backendInfo(choice: BackendChoice): Promise<BackendInfo>;
  /** tfjs tensors alive in the worker (tests: no leak after cancelled jobs). */
  numTensors(): Promise<number>;
}

const api: ComputeWorkerApi = {
  start: (name, id, job, onPartial) => host.start(name, id, job, onPartial),
  cancel: (id) => host.cancel(id),
  pause: () => host.pause(),
  resume: () => host.resume(),
  backendInfo: async (choice) => {
    await engines.select(choice);
    return engines.info()!;
  },
  numTensors: async () => (await import('@tensorflow/tfjs-core')).memory().numTensors,
};

Comlink.expose(api);
