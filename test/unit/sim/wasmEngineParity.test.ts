import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../../src/compute/backend/selectBackend';
import { nodeBackendLoaders } from '../../../src/compute/backend/node';
import { createTfjsSimEngine } from '../../../src/compute/sim/tfjsSimEngine';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import type { SimParams } from '../../../src/core/sim/types';
import { jobOf } from './fixtures';

beforeAll(async () => {
  const info = await selectBackend('wasm', nodeBackendLoaders);
  expect(info.name).toBe('wasm');
  expect(tf.getBackend()).toBe('wasm');
});

describe('tfjs engine on wasm (float32 batched pieces) vs the Float64 CPU path, run by run', () => {
  const cases: [string, Partial<SimParams>][] = [
    ['exact, iso, p > nv·m', { p: 20, nt: 10, omega0: 0.1, w0: -0.05 }],
    ['paper-style, iso', { p: 20, nt: 10, estimator: 'mc', testTasks: 7, testPoints: 9 }],
    ['exact, underparameterized', { p: 6, m: 5, nv: 3, nt: 4 }],
    ['paper-style, Wishart', { p: 10, nt: 8, cov: 'wishart', estimator: 'mc', testTasks: 5 }],
    ['exact, diagonal spectra', { p: 10, nt: 8, cov: 'diag' }],
  ];
  for (const [name, over] of cases) {
    test(name, async () => {
      const job = jobOf({ ...over, seed: 4 }, [-1, 0.5], [0.7]);
      const cov = covariancesForSim(job.params);
      const want = simulateRunsCpu(job, cov, 3, 8);
      const before = tf.memory().numTensors;
      const got = await createTfjsSimEngine('wasm').simulateRuns(job, cov, 3, 8);
      expect(tf.memory().numTensors).toBe(before);
      let worst = 0;
      for (let i = 0; i < want.coef.length; i++)
        worst = Math.max(
          worst,
          Math.abs(got.coef[i] - want.coef[i]) / Math.max(1e-3, Math.abs(want.coef[i])),
        );
      expect(worst).toBeLessThan(2e-3);
      expect(Array.from(got.ill)).toEqual(Array.from(want.ill));
    });
  }
});

describe('a kernel failure inside the tfjs engine leaves no tensor behind', () => {
  const cases: [string, Partial<SimParams>][] = [
    ['reduced sampler', { p: 20, nt: 10 }],
    ['direct draws', { p: 10, nt: 8, cov: 'diag' }],
    ['paper-style', { p: 20, nt: 10, estimator: 'mc', testTasks: 5, testPoints: 6 }],
  ];
  for (const [name, over] of cases) {
    test(name, async () => {
      const job = jobOf({ ...over, seed: 4 }, [-1, 0.5], [0.7]);
      const cov = covariancesForSim(job.params);
      const engine = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
      const run = engine.runKernel.bind(engine);
      // Count the kernels of one chunk, then fail at each of them in turn.
      let calls = 0;
      engine.runKernel = (...a) => ((calls += 1), run(...a));
      await createTfjsSimEngine('wasm').simulateRuns(job, cov, 0, 2);
      const kernels = calls;
      expect(kernels).toBeGreaterThan(3);
      try {
        for (let failAt = 1; failAt <= kernels; failAt += Math.max(1, Math.floor(kernels / 12))) {
          const before = tf.memory().numTensors;
          calls = 0;
          engine.runKernel = (...a) => {
            calls += 1;
            if (calls === failAt) throw new Error('injected kernel failure');
            return run(...a);
          };
          await expect(createTfjsSimEngine('wasm').simulateRuns(job, cov, 0, 2)).rejects.toThrow(
            'injected',
          );
          expect(tf.memory().numTensors, `failure at kernel ${failAt}`).toBe(before);
        }
      } finally {
        engine.runKernel = run;
      }
    });
  }
});
