import * as tf from '@tensorflow/tfjs-core';
// Static imports, so Vite pre-bundles them before the test starts (no reload mid-test).
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expect, test } from 'vitest';
import { createBackendEngineHost } from '../../../src/compute/sim/engineHost';
import { directContext } from '../../../src/core/jobs/context';
import { runSimulationWith } from '../../../src/compute/sim/simulate';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { accumulateRuns, createAccumulators } from '../../../src/core/sim/lossCoefficients';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import type { SimJob } from '../../../src/core/sim/types';
import { testSimParams } from '../../simParams';

test('a lost WebGPU device mid-job: the job continues on the next backend with a notice, same numbers', async () => {
  const engines = createBackendEngineHost({
    webgpu: async () => {},
    wasm: async () => {
      tfWasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
    },
  });
  const job: SimJob = {
    params: testSimParams({ p: 10, seed: 8, runs: 60 }),
    sweepAlphaT: [-1, 1],
    sweepAlphaR: [0.5],
    backend: 'webgpu',
  };
  let destroyed = false;
  const backends: string[] = [];
  const result = await runSimulationWith(
    engines.host,
    job,
    directContext((partial) => {
      backends.push(partial.backend);
      if (!destroyed) {
        destroyed = true;
        (tf.backend() as unknown as { device: GPUDevice }).device.destroy();
      }
    }),
  );
  expect(backends[0]).toBe('webgpu');
  expect(result.backend, result.notice).toBe('wasm');
  expect(result.notice).toMatch(/lost|destroyed|webgpu failed/i);
  expect(engines.info()?.notice).toBe(result.notice);
  expect(result.runsDone).toBe(60);
  const acc = createAccumulators(job);
  accumulateRuns(job, simulateRunsCpu(job, covariancesForSim(job.params), 0, 60), acc);
  const want = acc.map((a) => a.stats());
  [result.current, ...result.alphaT, ...result.alphaR].forEach((s, i) => {
    expect(s.n).toBe(60);
    expect(Math.abs(s.mean / want[i].mean - 1)).toBeLessThan(1e-3);
  });
});
