import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { createRng } from '../../../src/core/rng';
import { mamlMetaGradients } from '../../../src/compute/nn/maml';
import {
  disposeTasks,
  mlp2MetaGradients,
  mlp2MetaLoss,
  mlp2Tasks,
  mlp2TaskLosses,
  type Mlp2Params,
} from '../../../src/compute/fig5/mlp2Maml';

const [p, h, T, n, q] = [5, 7, 3, 4, 2];

function setup(seed: number) {
  const rng = createRng(seed, 1);
  const arr = (len: number, s = 1) => Float32Array.from({ length: len }, () => s * rng.normal());
  const shapes: [number, number][] = [
    [p, h],
    [1, h],
    [h, h],
    [1, h],
    [h, 1],
    [1, 1],
  ];
  const host = shapes.map(([a, b]) => arr(a * b, 0.6));
  const data = {
    x: arr(T * n * p),
    y: arr(T * n),
    xq: arr(T * q * p),
    yq: arr(T * q),
  };
  return { shapes, host, data };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('hand-written exact MAML for p-H-H-1 (Fig. 5 engine)', () => {
  for (const firstOrder of [false, true])
    test(`equals tfjs autodiff through the inner step (${firstOrder ? 'first' : 'second'} order)`, () => {
      const { shapes, host, data } = setup(3);
      const alpha = 0.37;
      const before = tf.memory().numTensors;
      const params = host.map((a, i) => tf.tensor2d(a, shapes[i])) as Mlp2Params;
      const d = mlp2Tasks(T, p, data.x, data.y, data.xq, data.yq);
      const ours = mlp2MetaGradients(params, d, alpha, firstOrder);
      const ref = tf.tidy(() => {
        const g = mamlMetaGradients(
          params.map((t) => tf.expandDims(t, 0) as tf.Tensor3D),
          tf.tensor1d([alpha]),
          {
            xs: tf.tensor3d(data.x, [T, n, p]),
            ys: tf.tensor3d(data.y, [T, n, 1]),
            xq: tf.tensor3d(data.xq, [T, q, p]),
            yq: tf.tensor3d(data.yq, [T, q, 1]),
          },
          { tasks: T, firstOrder, half: true },
        );
        return { loss: g.loss, grads: g.grads };
      }) as { loss: tf.Tensor; grads: tf.Tensor[] };
      expect(ours.loss.dataSync()[0]).toBeCloseTo(ref.loss.dataSync()[0], 5);
      ours.grads.forEach((g, i) => {
        const a = g.dataSync();
        const b = ref.grads[i].dataSync();
        expect(a.length).toBe(b.length);
        const scale = Math.max(...Array.from(b, Math.abs));
        for (let j = 0; j < a.length; j++)
          expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-4 * scale + 1e-6);
      });
      tf.dispose([params, ours.loss, ours.grads, ref.loss, ref.grads]);
      disposeTasks(d);
      expect(tf.memory().numTensors).toBe(before);
    });

  test('the exact gradient matches central finite differences of the meta-loss', async () => {
    await tf.setBackend('cpu');
    const { shapes, host, data } = setup(5);
    const alpha = -0.3;
    const d = mlp2Tasks(T, p, data.x, data.y, data.xq, data.yq);
    const lossAt = (hs: Float32Array[]) => {
      const ps = hs.map((a, i) => tf.tensor2d(a, shapes[i]));
      const l = mlp2MetaLoss(ps, d, alpha);
      const v = l.dataSync()[0];
      tf.dispose([ps, l]);
      return v;
    };
    const params = host.map((a, i) => tf.tensor2d(a, shapes[i]));
    const { grads, loss } = mlp2MetaGradients(params, d, alpha);
    const g = grads.map((t) => t.dataSync());
    const eps = 2e-3;
    let checked = 0;
    for (let i = 0; i < host.length; i++)
      for (let j = 0; j < host[i].length; j += 3) {
        const plus = host.map((a) => a.slice());
        const minus = host.map((a) => a.slice());
        plus[i][j] += eps;
        minus[i][j] -= eps;
        const fd = (lossAt(plus) - lossAt(minus)) / (2 * eps);
        expect(Math.abs(fd - g[i][j])).toBeLessThan(1e-2 * (1 + Math.abs(fd)));
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
    tf.dispose([params, grads, loss]);
    disposeTasks(d);
  });

  test('per-task losses average to the meta-loss', () => {
    const { shapes, host, data } = setup(7);
    const params = host.map((a, i) => tf.tensor2d(a, shapes[i]));
    const d = mlp2Tasks(T, p, data.x, data.y, data.xq, data.yq);
    const per = mlp2TaskLosses(params, d, 0.1).dataSync();
    const mean = Array.from(per).reduce((a, b) => a + b, 0) / T;
    expect(mean).toBeCloseTo(mlp2MetaLoss(params, d, 0.1).dataSync()[0], 4);
    disposeTasks(d);
  });
});

describe('the engine on tfjs-wasm (the CLI and the page) = on tfjs cpu', () => {
  test('same loss and gradients at the quick width (catches wasm-only operator-cache bugs)', async () => {
    const { useNodeBackend } = await import('../../../src/compute/backend/node');
    const [pp, hh, TT, nn, qq] = [60, 40, 3, 30, 2];
    const rng = createRng(11, 1);
    const arr = (len: number, s = 1) => Float32Array.from({ length: len }, () => s * rng.normal());
    const shapes: [number, number][] = [
      [pp, hh],
      [1, hh],
      [hh, hh],
      [1, hh],
      [hh, 1],
      [1, 1],
    ];
    const host = shapes.map(([a, b]) => arr(a * b, 0.2));
    const data = [arr(TT * nn * pp), arr(TT * nn), arr(TT * qq * pp), arr(TT * qq)] as const;
    const run = () => {
      const params = host.map((a, i) => tf.tensor2d(a, shapes[i]));
      const d = mlp2Tasks(TT, pp, ...data);
      const { loss, grads } = mlp2MetaGradients(params, d, -0.02);
      const out = [loss.dataSync()[0], ...grads.map((g) => Array.from(g.dataSync()))] as const;
      tf.dispose([params, loss, grads]);
      disposeTasks(d);
      return out;
    };
    const cpu = run();
    await useNodeBackend('wasm');
    try {
      const wasm = run();
      expect(wasm[0]).toBeCloseTo(cpu[0] as number, 5);
      for (let i = 1; i < cpu.length; i++) {
        const a = wasm[i] as number[];
        const b = cpu[i] as number[];
        const scale = Math.max(...b.map(Math.abs));
        a.forEach((v, j) => expect(Math.abs(v - b[j])).toBeLessThan(1e-4 * scale + 1e-7));
      }
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
