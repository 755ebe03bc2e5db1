/**
 * Conv4's exact second-order MAML meta-gradient (src/compute/omniglot/conv4.ts) on WebGPU equals
 * the CPU backend (SwiftShader: correctness here; speed needs a real GPU).
 */
import { expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import '../../../src/compute/nn/gradientsBrowser';
import { createRng } from '../../../src/core/rng';
import {
  conv4FromArrays,
  conv4MetaGradients,
  initConv4Arrays,
} from '../../../src/compute/omniglot/conv4';

const SHAPE = { filters: 3, way: 3, imageSize: 28 };

async function metaGradOn(backend: string): Promise<Float32Array[]> {
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  const before = tf.memory().numTensors;
  const rng = createRng(4, 1);
  const img = (n: number) =>
    tf.tensor(
      Float32Array.from({ length: 2 * n * 784 }, () => rng.uniform()),
      [2, n, 28, 28, 1],
    );
  const lab = (n: number) => {
    const a = new Float32Array(2 * n * 3);
    for (let i = 0; i < 2 * n; i++) a[i * 3 + (i % 3)] = 1;
    return tf.tensor3d(a, [2, n, 3]);
  };
  const data = { xs: img(3), ys: lab(3), xq: img(6), yq: lab(6) };
  const params = conv4FromArrays(initConv4Arrays(SHAPE, createRng(2)), SHAPE);
  const out = tf.tidy(() => {
    const r = conv4MetaGradients(params, data, 0.4, { steps: 2, firstOrder: false });
    return [r.loss, ...r.grads];
  });
  const host = await Promise.all(out.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([out, params, data.xs, data.ys, data.xq, data.yq]);
  expect(tf.memory().numTensors).toBe(before);
  return host;
}

test('Conv4 exact second-order meta-gradient (2 inner steps) on WebGPU equals the CPU backend', async () => {
  const gpu = await metaGradOn('webgpu');
  const cpu = await metaGradOn('cpu');
  gpu.forEach((g, i) => {
    const scale = Math.max(...Array.from(cpu[i]).map(Math.abs), 1e-6);
    g.forEach((v, k) => expect(Math.abs(v - cpu[i][k]) / scale).toBeLessThan(2e-3));
  });
});
