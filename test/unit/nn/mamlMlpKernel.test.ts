/**
 * The wasm MAML kernel against two independent computations: the Float64 finite-difference
 * reference (mlpReference.ts: every gradient, inner and outer, by central differences) and tfjs's
 * autodiff through the batched MLP (src/compute/nn/maml.ts) on shapes that exercise every SIMD
 * block and remainder path of the kernel's products.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import '../../../src/compute/kernels/nodeRelaxedSimd';
import { MamlMlpKernel, type KernelBuild } from '../../../src/compute/kernels/mamlMlpKernel';
import { createRng } from '../../../src/core/rng';
import { initMlpArrays, mlpParamsFromArrays } from '../../../src/compute/nn/batchedMlp';
import { mamlMetaGradients, mamlMetaLoss } from '../../../src/compute/nn/maml';
import type { TaskBatch } from '../../../src/core/metaSgd/metaTaskSamplers';
import {
  fdGradient,
  refFirstOrderGradient,
  refMetaLoss,
  uniformRate,
  type RefTask,
} from './mlpReference';
import { ALPHAS, makeProblem, modelSlice, POINTS, SIZES } from './mlpParity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const flat = (arrays: ArrayLike<number>[]) =>
  Float32Array.from(arrays.flatMap((a) => Array.from(a)));

function batchOf(tasks: RefTask[]): TaskBatch {
  const f = (k: keyof RefTask) => Float32Array.from(tasks.flatMap((t) => t[k]));
  return {
    tasks: tasks.length,
    support: tasks[0].xs.length,
    query: tasks[0].xq.length,
    inDim: 1,
    outDim: 1,
    xs: f('xs'),
    ys: f('ys'),
    xq: f('xq'),
    yq: f('yq'),
  };
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 1e-12;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / s;
}

const BUILDS: KernelBuild[] = ['simd', 'relaxed-simd'];

describe.each(BUILDS)('MAML wasm kernel (%s build) vs Float64 finite differences', (build) => {
  for (const [secondOrder, half] of [
    [true, false],
    [true, true],
    [false, false],
  ] as const) {
    test(`${secondOrder ? 'exact' : 'first-order'} meta-gradient${half ? ', ½ MSE' : ''}`, async () => {
      const { arrays, tasks } = makeProblem();
      const kernel = await MamlMlpKernel.create(SIZES, POINTS, build);
      const batch = kernel.upload(batchOf(tasks));
      const theta = kernel.alloc(kernel.paramCount);
      for (let k = 0; k < ALPHAS.length; k++) {
        const p = modelSlice(arrays, k);
        const rate = uniformRate(p, ALPHAS[k]);
        kernel.view(theta, kernel.paramCount).set(flat(p));
        const ref = secondOrder
          ? fdGradient((q) => refMetaLoss(SIZES, q, rate, tasks, half), p, 1e-4)
          : refFirstOrderGradient(SIZES, p, rate, tasks, half);
        const lossRef = refMetaLoss(SIZES, p, rate, tasks, half);
        // A finite bound forms θ′ per task; none (∞) takes the implicit low-rank path.
        for (const limit of [1e6, Infinity]) {
          const loss = kernel.metaGradient(theta, ALPHAS[k], batch, { secondOrder, half, limit });
          expect(relErr(kernel.gradient(), flat(ref))).toBeLessThan(2e-3);
          expect(Math.abs(loss - lossRef) / lossRef).toBeLessThan(1e-4);
        }
      }
    });
  }
});

/** Random tasks for a net with `din` inputs and `dout` outputs. */
function randomBatch(
  seed: number,
  tasks: number,
  ns: number,
  nq: number,
  din: number,
  dout: number,
) {
  const rng = createRng(seed, 3);
  const draw = (n: number) => Float32Array.from({ length: n }, () => 2 * rng.normal());
  return {
    tasks,
    support: ns,
    query: nq,
    inDim: din,
    outDim: dout,
    xs: draw(tasks * ns * din),
    ys: draw(tasks * ns * dout),
    xq: draw(tasks * nq * din),
    yq: draw(tasks * nq * dout),
  } satisfies TaskBatch;
}

describe.each(BUILDS)('MAML wasm kernel (%s build) vs tfjs autodiff (batched MLP)', (build) => {
  const cases: [string, number[], number, number, number][] = [
    ['the paper’s 1-40-40-1, 10 + 10 points', [1, 40, 40, 1], 10, 10, 4],
    ['odd widths 3-9-6-5-2, 7 + 13 points (every remainder path)', [3, 9, 6, 5, 2], 7, 13, 4],
    // Thin products with the query gradient on the wide layers (2 query points, as in Fig. 5).
    ['Fig. 5’s shape at width 24: 12-24-24-1, 6 + 2 points', [12, 24, 24, 1], 6, 2, 4],
    // 12 tasks × 30 rows of outer-product blocks overfill a layer's stack (256): flushed mid-pass.
    ['1-40-40-1, 12 tasks (the gradient stacks flush mid-pass)', [1, 40, 40, 1], 10, 10, 12],
  ];
  for (const [name, sizes, ns, nq, T] of cases) {
    test(name, async () => {
      const alpha = 0.03;
      const b = randomBatch(11, T, ns, nq, sizes[0], sizes[sizes.length - 1]);
      const init = initMlpArrays(sizes, 1, createRng(5, 1), { weightStd: (f) => 1 / Math.sqrt(f) });
      const kernel = await MamlMlpKernel.create(sizes, Math.max(ns, nq), build);
      const kb = kernel.upload(b);
      const theta = kernel.alloc(kernel.paramCount);
      kernel.view(theta, kernel.paramCount).set(flat(init));
      const data = {
        xs: tf.tensor3d(b.xs, [T, ns, b.inDim]),
        ys: tf.tensor3d(b.ys, [T, ns, b.outDim]),
        xq: tf.tensor3d(b.xq, [T, nq, b.inDim]),
        yq: tf.tensor3d(b.yq, [T, nq, b.outDim]),
      };
      const params = mlpParamsFromArrays(init, sizes, 1);
      const a = tf.tensor1d([alpha]);
      for (const [secondOrder, limit] of [
        [true, 1e6],
        [false, 1e6],
        [true, Infinity],
        [false, Infinity],
      ] as const) {
        const loss = kernel.metaGradient(theta, alpha, kb, { secondOrder, half: false, limit });
        const got = kernel.gradient();
        const out = mamlMetaGradients(params, a, data, {
          tasks: T,
          firstOrder: !secondOrder,
          half: false,
        });
        const want = flat(await Promise.all(out.grads.map((g) => g.data())));
        expect(relErr(got, want)).toBeLessThan(1e-4);
        expect(loss).toBeCloseTo((await out.loss.data())[0], 4);
        tf.dispose([out.grads, out.loss]);
      }
      const evalTf = mamlMetaLoss(params, a, data, { tasks: T, firstOrder: false, half: false });
      for (const limit of [1e6, Infinity])
        expect(kernel.evalLoss(theta, alpha, kb, false, limit)).toBeCloseTo(
          (await evalTf.data())[0],
          4,
        );
      tf.dispose([params, a, evalTf, data.xs, data.ys, data.xq, data.yq]);
    });
  }

  test('second order differs from first order by the Hessian term', async () => {
    const sizes = [1, 40, 40, 1];
    const b = randomBatch(2, 3, 10, 10, 1, 1);
    const init = initMlpArrays(sizes, 1, createRng(2, 1));
    const kernel = await MamlMlpKernel.create(sizes, 10);
    const kb = kernel.upload(b);
    const theta = kernel.alloc(kernel.paramCount);
    kernel.view(theta, kernel.paramCount).set(flat(init));
    kernel.metaGradient(theta, 0.1, kb, { secondOrder: true, half: false, limit: 1e6 });
    const exact = kernel.gradient();
    kernel.metaGradient(theta, 0.1, kb, { secondOrder: false, half: false, limit: 1e6 });
    expect(relErr(exact, kernel.gradient())).toBeGreaterThan(1e-2);
  });

  test('a step that leaves the bound is refused and θ is kept', async () => {
    const sizes = [1, 8, 1];
    const b = randomBatch(4, 2, 5, 5, 1, 1);
    const kernel = await MamlMlpKernel.create(sizes, 5);
    const kb = kernel.upload(b);
    const theta = kernel.alloc(kernel.paramCount);
    const init = flat(initMlpArrays(sizes, 1, createRng(4, 1)));
    kernel.view(theta, kernel.paramCount).set(init);
    const o = { secondOrder: true, half: false, limit: 100 };
    expect(Number.isNaN(kernel.sgdStep(theta, 0.01, 1e9, kb, o))).toBe(true);
    expect([...kernel.view(theta, kernel.paramCount)]).toEqual([...init]);
    expect(Number.isFinite(kernel.sgdStep(theta, 0.01, 1e-3, kb, o))).toBe(true);
    expect(kernel.evalLoss(theta, 1e9, kb, false, 100)).toBe(Infinity);
  });
});
