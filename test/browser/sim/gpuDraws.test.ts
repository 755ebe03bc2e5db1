import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { drawMetaTraining, drawTestTasks } from '../../../src/core/sim/draws';
import { isotropicCovariances } from '../../../src/core/sim/simCovariances';
import type { SimParams } from '../../../src/core/sim/types';
import { drawMetaTrainingOnGpu } from '../../../src/compute/sim/webgpu/metaTrainingDraws';
import { drawTestTasksOnGpu } from '../../../src/compute/sim/webgpu/testTaskDrawsOnGpu';

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

test('meta-training draws generated on the GPU equal the host draws (same streams, float32)', async () => {
  const pr = { p: 9, m: 3, nt: 40, nv: 2, sigma: 0.7, nu: 0.5, w0: 0.1, seed: 21 } as SimParams;
  const runs = 5;
  const run0 = 17;
  const before = tf.memory().numTensors;
  const gpu = drawMetaTrainingOnGpu(pr, run0, runs);
  const [xt, yt, xv, yv] = await Promise.all([
    gpu.xt.data(),
    gpu.yt.data(),
    gpu.xv.data(),
    gpu.yv.data(),
  ]);
  tf.dispose(Object.values(gpu));
  expect(tf.memory().numTensors).toBe(before);
  const cov = isotropicCovariances(pr.p, pr.nu);
  let worst = 0;
  let misses = 0;
  for (let r = 0; r < runs; r++) {
    const host = drawMetaTraining(pr, cov, run0 + r);
    const check = (got: ArrayLike<number>, want: Float64Array) => {
      const off = r * want.length;
      for (let i = 0; i < want.length; i++) {
        const d = Math.abs(got[off + i] - want[i]);
        worst = Math.max(worst, d);
        if (d > 1e-3) misses++;
      }
    };
    check(xt, host.xt);
    check(yt, host.yt);
    check(xv, host.xv);
    check(yv, host.yv);
  }
  // ~3·40·9 + … ≈ 1200 normals per run: every layer, wedge and tail path of the ziggurat is hit.
  expect(misses).toBe(0);
  expect(worst).toBeLessThan(1e-4);
});

test('paper-style test tasks generated on the GPU equal the host draws (same streams, float32)', async () => {
  const pr = {
    p: 7,
    nr: 6,
    nu: 0.8,
    w0: -0.2,
    seed: 5,
    testTasks: 30,
    testPoints: 11,
  } as SimParams;
  const runs = 4;
  const run0 = 9;
  const before = tf.memory().numTensors;
  const gpu = drawTestTasksOnGpu(pr, run0, runs);
  const [w, xr, zr, chi2] = await Promise.all([
    gpu.w.data(),
    gpu.xr.data(),
    gpu.zr.data(),
    gpu.chi2.data(),
  ]);
  tf.dispose(Object.values(gpu));
  expect(tf.memory().numTensors).toBe(before);
  const cov = isotropicCovariances(pr.p, pr.nu);
  let worst = 0;
  for (let r = 0; r < runs; r++) {
    const host = drawTestTasks(pr, cov, run0 + r, pr.testTasks, pr.testPoints);
    const check = (got: ArrayLike<number>, want: Float64Array, scale = 1) => {
      const off = r * want.length;
      for (let i = 0; i < want.length; i++)
        worst = Math.max(worst, Math.abs(got[off + i] - want[i]) / scale);
    };
    check(w, host.w);
    check(xr, host.xr);
    check(zr, host.zr);
    check(chi2, host.chi2, pr.testPoints); // a sum of 11 squares: relative to its size
  }
  // 30 tasks × (7 + 42 + 6 + 11) ≈ 2000 normals per run: every ziggurat path is hit.
  expect(worst).toBeLessThan(1e-4);
});
