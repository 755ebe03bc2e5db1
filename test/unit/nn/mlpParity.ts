/**
 * Parity checks of src/compute/mlp against the Float64 finite-difference reference, written once
 * and run on every backend (Node CPU in test/unit, WebGPU/CPU in Chromium in test/browser).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../src/core/rng';
import { initMlpArrays, mlpParamsFromArrays } from '../../../src/compute/nn/batchedMlp';
import { mamlMetaGradients, mamlMetaLoss } from '../../../src/compute/nn/maml';
import {
  fdGradient,
  refFirstOrderGradient,
  refMetaLoss,
  uniformRate,
  type RefParams,
  type RefTask,
} from './mlpReference';

export const SIZES = [1, 4, 3, 1];
export const MODELS = 3;
export const TASKS = 2;
export const POINTS = 5;
export const ALPHAS = [0.05, 0.2, -0.1];

export function makeProblem(seed = 7) {
  const rng = createRng(seed, 0);
  const arrays = initMlpArrays(SIZES, MODELS, rng, { weightStd: () => 0.8 });
  // Non-zero biases so every ReLU path is exercised.
  arrays.forEach((a, i) => {
    if (i % 2 === 1) for (let j = 0; j < a.length; j++) a[j] = 0.3 * rng.normal();
  });
  const tasks: RefTask[] = [];
  for (let t = 0; t < TASKS; t++) {
    const amp = 0.5 + rng.uniform();
    const draw = () => Array.from({ length: POINTS }, () => 4 * rng.uniform() - 2);
    const xs = draw();
    const xq = draw();
    const f = (x: number) => amp * Math.sin(x + t);
    tasks.push({ xs, ys: xs.map(f), xq, yq: xq.map(f) });
  }
  return { arrays, tasks };
}

/** Parameters of model k as Float64 reference arrays. */
export function modelSlice(arrays: Float32Array[], k: number): RefParams {
  return arrays.map((a) => {
    const per = a.length / MODELS;
    return Float64Array.from(a.subarray(k * per, (k + 1) * per));
  });
}

export function taskTensors(tasks: RefTask[]) {
  const t3 = (key: keyof RefTask) =>
    tf.tensor3d(
      tasks.flatMap((t) => t[key]),
      [tasks.length, POINTS, 1],
    );
  return { xs: t3('xs'), ys: t3('ys'), xq: t3('xq'), yq: t3('yq') };
}

/** Max relative error of the batched meta-gradient vs the Float64 reference, over all models. */
export async function metaGradientError(firstOrder: boolean, half: boolean): Promise<number> {
  const { arrays, tasks } = makeProblem();
  const params = mlpParamsFromArrays(arrays, SIZES, MODELS);
  const alpha = tf.tensor1d(ALPHAS);
  const data = taskTensors(tasks);
  const out = mamlMetaGradients(params, alpha, data, { tasks: TASKS, firstOrder, half });
  const grads = await Promise.all(out.grads.map((g) => g.data()));
  const loss = await out.loss.data();
  tf.dispose([params, alpha, data.xs, data.ys, data.xq, data.yq, out.grads, out.loss]);
  let worst = 0;
  for (let k = 0; k < MODELS; k++) {
    const p = modelSlice(arrays, k);
    const rate = uniformRate(p, ALPHAS[k]);
    const ref = firstOrder
      ? refFirstOrderGradient(SIZES, p, rate, tasks, half)
      : fdGradient((q) => refMetaLoss(SIZES, q, rate, tasks, half), p, 1e-4);
    const got = grads.map((g) => {
      const per = g.length / MODELS;
      return g.subarray(k * per, (k + 1) * per);
    });
    let diff = 0;
    let scale = 1e-12;
    ref.forEach((r, li) =>
      r.forEach((v, i) => {
        diff = Math.max(diff, Math.abs(got[li][i] - v));
        scale = Math.max(scale, Math.abs(v));
      }),
    );
    const lossRef = refMetaLoss(SIZES, p, rate, tasks, half);
    worst = Math.max(worst, diff / scale, Math.abs(loss[k] - lossRef) / Math.abs(lossRef));
  }
  return worst;
}

/** Per-parameter (Meta-SGD) rates: error of d loss/d θ and d loss/d α vs the reference. */
export async function perParameterRateError(): Promise<number> {
  const { arrays, tasks } = makeProblem(11);
  const rng = createRng(3, 1);
  const p0 = modelSlice(arrays, 0);
  const rate = p0.map((a) => a.map(() => 0.1 * rng.normal()));
  const single = mlpParamsFromArrays(
    p0.map((a) => Float32Array.from(a)),
    SIZES,
    1,
  );
  const rates = rate.map((r, i) => tf.tensor(Float32Array.from(r), single[i].shape));
  const data = taskTensors(tasks);
  const opts = { tasks: TASKS, firstOrder: false, half: true, alphaGrad: true };
  const out = mamlMetaGradients(single, rates, data, opts);
  const g = await Promise.all(out.grads.map((t) => t.data()));
  const ga = await Promise.all((out.alphaGrads ?? []).map((t) => t.data()));
  tf.dispose([single, rates, data.xs, data.ys, data.xq, data.yq, out.grads, out.loss]);
  tf.dispose(out.alphaGrads ?? []);
  const refG = fdGradient((q) => refMetaLoss(SIZES, q, rate, tasks, true), p0, 1e-4);
  const refA = fdGradient((r) => refMetaLoss(SIZES, p0, r, tasks, true), rate, 1e-4);
  const rel = (a: ArrayLike<number>[], b: Float64Array[]) => {
    let d = 0;
    let s = 1e-12;
    b.forEach((arr, li) =>
      arr.forEach((v, i) => {
        d = Math.max(d, Math.abs(a[li][i] - v));
        s = Math.max(s, Math.abs(v));
      }),
    );
    return d / s;
  };
  return Math.max(rel(g, refG), rel(ga, refA));
}

/** Batched vs one-model-at-a-time: the same numbers for every model (max abs difference). */
export async function batchedVsSingleDifference(): Promise<number> {
  const { arrays, tasks } = makeProblem(5);
  const data = taskTensors(tasks);
  const opts = { tasks: TASKS, firstOrder: false, half: false };
  const params = mlpParamsFromArrays(arrays, SIZES, MODELS);
  const alpha = tf.tensor1d(ALPHAS);
  const batched = mamlMetaGradients(params, alpha, data, opts);
  const bGrads = await Promise.all(batched.grads.map((g) => g.data()));
  const evalLoss = mamlMetaLoss(params, alpha, data, opts);
  const bLoss = await evalLoss.data();
  tf.dispose([params, alpha, batched.grads, batched.loss, evalLoss]);
  let worst = 0;
  for (let k = 0; k < MODELS; k++) {
    const single = mlpParamsFromArrays(
      modelSlice(arrays, k).map((a) => Float32Array.from(a)),
      SIZES,
      1,
    );
    const a1 = tf.tensor1d([ALPHAS[k]]);
    const s = mamlMetaGradients(single, a1, data, opts);
    const sGrads = await Promise.all(s.grads.map((g) => g.data()));
    const sLoss = (await s.loss.data())[0];
    tf.dispose([single, a1, s.grads, s.loss]);
    worst = Math.max(worst, Math.abs(sLoss - bLoss[k]));
    sGrads.forEach((g, li) => {
      const per = g.length;
      for (let i = 0; i < per; i++)
        worst = Math.max(worst, Math.abs(g[i] - bGrads[li][k * per + i]));
    });
  }
  tf.dispose([data.xs, data.ys, data.xq, data.yq]);
  return worst;
}
