import { choleskySolve } from '../../../src/core/linalg/cholesky';
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { assembleOuterSystem, type OuterSystem } from '../../../src/core/sim/outerSystem';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import type { SimJob, SimParams } from '../../../src/core/sim/types';
import { createRng } from '../../../src/core/rng';
import { createTfjsSimEngine } from '../../../src/compute/sim/tfjsSimEngine';
import { batchedCholeskySolve } from '../../../src/compute/sim/webgpu/batchedCholeskySolve';
import { solveRowLength } from '../../../src/compute/sim/webgpu/batchedCholeskySolveProgram';
import { testSimParams } from '../../simParams';

const small: SimParams = testSimParams({ w0: 0.1, omega0: 0.05, seed: 11, runs: 6 });

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  expect(tf.getBackend()).toBe('webgpu');
  // Small tensors would otherwise run on the CPU inside the WebGPU backend.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

/** Random SPD pieces A_k = M_k M_kᵀ/n (k = 0, 2) and a symmetric A1 small enough to keep A(α) SPD. */
function randomSystem(n: number, seed: number): OuterSystem {
  const rng = createRng(seed, 0);
  const gram = () => {
    const m = rng.fillNormal(new Float64Array(n * (n + 3)));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++)
        for (let j = 0; j < n + 3; j++)
          a[i * n + k] += (m[i * (n + 3) + j] * m[k * (n + 3) + j]) / n;
    return a;
  };
  const a1 = gram().map((v) => 0.1 * v);
  return {
    overparameterized: true,
    dim: n,
    a: [gram(), a1, gram()],
    b: [0, 1, 2].map(() => rng.fillNormal(new Float64Array(n))) as OuterSystem['b'],
  };
}

describe('WebGPU kernels vs the Float64 CPU path (SwiftShader adapter)', () => {
  test('batched Cholesky solve matches the host solve for every (run, α)', async () => {
    const n = 5;
    const runs = 7;
    const alphas = [-1.5, -0.2, 0, 0.7];
    const systems = Array.from({ length: runs }, (_, r) => randomSystem(n, r + 1));
    const A = tf.tensor4d(
      systems.flatMap((s) => s.a.flatMap((a) => Array.from(a))),
      [runs, 3, n, n],
    );
    const B = tf.tensor3d(
      systems.flatMap((s) => s.b.flatMap((b) => Array.from(b))),
      [runs, 3, n],
    );
    const before = tf.memory().numTensors;
    const out = batchedCholeskySolve(A, B, alphas);
    const data = await out.data();
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([A, B]);
    const row = solveRowLength(n);
    const a = new Float64Array(n * n);
    const b = new Float64Array(n);
    let worst = 0;
    systems.forEach((s, r) =>
      alphas.forEach((alpha, j) => {
        assembleOuterSystem(s, alpha, a, b);
        const want = choleskySolve(a, b, n);
        const o = (r * alphas.length + j) * row + n * n;
        expect(data[o + n]).toBe(want.illConditioned ? 1 : 0);
        const scale = Math.max(...want.x.map(Math.abs));
        for (let i = 0; i < n; i++)
          worst = Math.max(worst, Math.abs(data[o + i] - want.x[i]) / scale);
      }),
    );
    expect(worst).toBeLessThan(1e-4);
  });

  test('the batched simulation engine on WebGPU reproduces the CPU runs (exact and paper style, over and under)', async () => {
    const cases: Partial<SimParams>[] = [
      {}, // isotropic: reduced meta-training sampler on the host
      { nt: 3 }, // n_t ≤ n_v + 1: direct isotropic draws, generated on the GPU
      // Isotropic paper-style: all draws generated on the GPU, as the CPU's direct sampler.
      { estimator: 'mc' },
      { nt: 3, estimator: 'mc', testTasks: 7, testPoints: 9 },
      { estimator: 'mc', cov: 'diag' }, // batched direct sampler on the GPU
      { p: 5, m: 4, nv: 3 }, // underparameterized: p < nv·m
      { cov: 'wishart' },
    ];
    const engine = createTfjsSimEngine('webgpu');
    for (const c of cases) {
      const job: SimJob = {
        params: { ...small, ...c },
        sweepAlphaT: [-0.8, 0.5],
        sweepAlphaR: [0.6],
      };
      const cov = covariancesForSim(job.params);
      const sampler = cov.isotropic && job.params.estimator === 'mc' ? 'direct' : 'reduced';
      const want = simulateRunsCpu(job, cov, 2, 2 + small.runs, sampler);
      const before = tf.memory().numTensors;
      const got = await engine.simulateRuns(job, cov, 2, 2 + small.runs);
      expect(tf.memory().numTensors).toBe(before);
      let worst = 0;
      for (let i = 0; i < want.coef.length; i++)
        worst = Math.max(
          worst,
          Math.abs(got.coef[i] - want.coef[i]) / Math.max(1e-3, Math.abs(want.coef[i])),
        );
      expect(worst, JSON.stringify(c)).toBeLessThan(2e-3);
      expect(Array.from(got.ill)).toEqual(Array.from(want.ill));
    }
  });
});
