import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { createRng } from '../../../src/core/rng';
import {
  initMlpArrays,
  mlpLossGradients,
  mlpParamsFromArrays,
} from '../../../src/compute/nn/batchedMlp';
import { fdGradient, refLoss } from './mlpReference';
import { mamlMetaGradients, mamlMetaLoss } from '../../../src/compute/nn/maml';
import {
  batchedVsSingleDifference,
  makeProblem,
  taskTensors,
  metaGradientError,
  modelSlice,
  perParameterRateError,
  SIZES,
  MODELS,
} from './mlpParity';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('batched MLP (CPU backend) vs Float64 finite differences', () => {
  test('loss gradient by explicit backprop', async () => {
    const rng = createRng(1, 0);
    const arrays = initMlpArrays(SIZES, MODELS, rng);
    const xs = [-1.5, -0.2, 0.4, 1.1];
    const ys = [0.3, -0.7, 1.2, 0.1];
    const params = mlpParamsFromArrays(arrays, SIZES, MODELS);
    const x = tf.tensor3d(xs.concat(xs, xs), [MODELS, xs.length, 1]);
    const y = tf.tensor3d(ys.concat(ys, ys), [MODELS, ys.length, 1]);
    const { grads, loss } = mlpLossGradients(params, x, y, false);
    const g = await Promise.all(grads.map((t) => t.data()));
    const l = await loss.data();
    for (let k = 0; k < MODELS; k++) {
      const p = modelSlice(arrays, k);
      const ref = fdGradient((q) => refLoss(SIZES, q, xs, ys, false), p);
      expect(l[k]).toBeCloseTo(refLoss(SIZES, p, xs, ys, false), 5);
      ref.forEach((r, li) => {
        const per = g[li].length / MODELS;
        r.forEach((v, i) => expect(g[li][k * per + i]).toBeCloseTo(v, 4));
      });
    }
    tf.dispose([params, x, y, grads, loss]);
  });

  test('exact second-order meta-gradient, MSE and ½ MSE', async () => {
    expect(await metaGradientError(false, false)).toBeLessThan(2e-3);
    expect(await metaGradientError(false, true)).toBeLessThan(2e-3);
  });

  test('first-order meta-gradient', async () => {
    expect(await metaGradientError(true, false)).toBeLessThan(2e-3);
  });

  test('per-parameter (Meta-SGD) rates: gradients for θ and for α', async () => {
    expect(await perParameterRateError()).toBeLessThan(2e-3);
  });

  test('paramLimit: a model whose inner step escapes is flagged, the others are untouched', async () => {
    const { arrays, tasks } = makeProblem();
    const params = mlpParamsFromArrays(arrays, SIZES, MODELS);
    const data = taskTensors(tasks);
    const opts = { tasks: 2, firstOrder: false, half: false };
    const alpha = tf.tensor1d([0.05, 1e6, 0.1]);
    const free = await mamlMetaLoss(params, alpha, data, opts).data();
    const bounded = await mamlMetaLoss(params, alpha, data, { ...opts, paramLimit: 100 }).data();
    const g = mamlMetaGradients(params, alpha, data, { ...opts, paramLimit: 100 });
    expect(Array.from(await (g.escaped as tf.Tensor).data())).toEqual([0, 1, 0]);
    expect(bounded[1]).toBe(Infinity);
    expect(free[1]).toBeGreaterThan(1e6); // really diverged without the bound
    expect([bounded[0], bounded[2]]).toEqual([free[0], free[2]]);
    for (const t of await Promise.all(g.grads.map((x) => x.data()))) {
      expect(t.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  test('batched models equal the same models run one at a time; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    expect(await batchedVsSingleDifference()).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
