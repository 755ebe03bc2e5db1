/**
 * The wasm Conv4 MAML kernel (kernels/mamlConv4.ts) against the tfjs engine
 * (src/compute/omniglot/conv4.ts, itself checked against finite differences in conv4.test.ts):
 * the same parameters and episodes must give the same meta-loss and meta-gradient — exact second
 * order, first order, and αt = 0 — on both kernel builds. Float32 with different summation orders
 * (and batch norm dividing by small standard deviations): relative error of the whole gradient
 * ≤ 1e-3; a missing R-operator term, a wrong sign or a transposed filter gives O(1).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import '../../../src/compute/kernels/nodeRelaxedSimd';
import { createRng } from '../../../src/core/rng';
import {
  conv4FromArrays,
  conv4MetaGradients,
  conv4ParamInfo,
  initConv4Arrays,
} from '../../../src/compute/omniglot/conv4';
import { MamlConv4Kernel } from '../../../src/compute/kernels/mamlConv4Kernel';
import { randomBatch as batch } from './randomBatch';
import type { KernelBuild } from '../../../src/compute/kernels/wasmKernel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BUILDS: KernelBuild[] = ['simd', 'relaxed-simd'];

const relErr = (a: Float32Array, b: Float32Array) => {
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d / n);
};

describe.each(BUILDS)('Conv4 MAML kernel (%s build) vs the tfjs engine', (build) => {
  const cases: [string, { filters: number; way: number; imageSize: number }, number, number][] = [
    [
      '4 filters (row-major weights), 3-way, 16 × 16, 2 tasks',
      { filters: 4, way: 3, imageSize: 16 },
      2,
      3,
    ],
    [
      '8 filters (packed weights), 5-way, 28 × 28, 2 tasks',
      { filters: 8, way: 5, imageSize: 28 },
      2,
      2,
    ],
  ];
  for (const [name, shape, tasks, queries] of cases) {
    test(name, async () => {
      const rng = createRng(7, 3);
      const arrays = initConv4Arrays(shape, createRng(5));
      // γ, β and the head bias off their initial 1 / 0, so every term of the R-operator counts
      conv4ParamInfo(shape).forEach(({ kind }, i) => {
        if (kind === 'gamma')
          arrays[i].forEach((_, k) => (arrays[i][k] = 1 + 0.3 * (rng.uniform() - 0.5)));
        if (kind === 'beta' || kind === 'bias')
          arrays[i].forEach((_, k) => (arrays[i][k] = 0.2 * (rng.uniform() - 0.5)));
      });
      const b = batch(11, shape, tasks, queries);
      const kernel = await MamlConv4Kernel.create(shape, b.support, b.query, build);
      kernel.setParams(arrays);
      const s = shape.imageSize;
      const data = {
        xs: tf.tensor(b.xs, [tasks, b.support, s, s, 1]),
        ys: tf.tensor3d(b.ys, [tasks, b.support, shape.way]),
        xq: tf.tensor(b.xq, [tasks, b.query, s, s, 1]),
        yq: tf.tensor3d(b.yq, [tasks, b.query, shape.way]),
      };
      const params = conv4FromArrays(arrays, shape);
      for (const [alpha, secondOrder] of [
        [0.4, true],
        [0.4, false],
        [0, true],
      ] as const) {
        const loss = kernel.metaGradient(alpha, b, secondOrder) / tasks;
        const got = kernel.gradient(arrays);
        const want = tf.tidy(() => {
          const r = conv4MetaGradients(params, data, alpha, { steps: 1, firstOrder: !secondOrder });
          return [r.loss, ...r.grads];
        });
        const w = await Promise.all(want.map((t) => t.data() as Promise<Float32Array>));
        expect(loss).toBeCloseTo(w[0][0], 4);
        const flat = (xs: Float32Array[]) => Float32Array.from(xs.flatMap((x) => [...x]));
        expect(relErr(flat(got), flat(w.slice(1)))).toBeLessThan(1e-3);
        // and per parameter, so a wrong small block (γ, β, the head bias) cannot hide
        got.forEach((g, i) => expect(relErr(g, w[i + 1]), `parameter ${i}`).toBeLessThan(3e-3));
        tf.dispose(want);
      }
      tf.dispose([params, data.xs, data.ys, data.xq, data.yq]);
    });
  }
});
