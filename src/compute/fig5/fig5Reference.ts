/**
 * THE REFERENCE for the Fig. 5 engine (tests only; the engine is fig5Sweep.ts): the sweep as one
 * batched tfjs autodiff computation: every (α_t, run) pair is one model of the
 * batched MLP stack (src/compute/mlp), so the whole sweep trains with one forward/backward per
 * epoch. Model k = a·runs + r (α-major). Run r's meta-training tasks and initial weights are shared
 * by all α_t values (common random numbers: differences between α_t are not draw noise).
 * Meta-test: the same test tasks for every model, adapted with α_r on n_r points and scored on
 * `testPoints` points; one point of the curve = mean over runs ± standard error.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../core/rng';
import {
  drawQuadraticTask,
  sampleQuadraticPoints,
  type Fig5Setting,
} from '../../core/fig5/quadraticRegression';
import { mlpParamsFromArrays, type MlpParams } from '../nn/batchedMlp';
import { fig5Draws } from './fig5Draws';
import { mamlMetaGradients, mamlMetaLoss, type MamlData } from '../nn/maml';

/** Repeats run-major blocks for every α_t: [runs·B] → [alphas·runs·B] (α-major). */
function tileOverAlphas(a: Float32Array, alphas: number): Float32Array {
  const out = new Float32Array(a.length * alphas);
  for (let k = 0; k < alphas; k++) out.set(a, k * a.length);
  return out;
}

const STREAM_TEST = 32;

/** The engine's draws, tiled over the αt values (model k = a·runs + r). */
export function fig5TrainingArrays(st: Fig5Setting) {
  const d = fig5Draws(st);
  const a = st.alphas.length;
  return {
    sizes: d.sizes,
    params: d.init.map((arr) => tileOverAlphas(arr, a)),
    xs: tileOverAlphas(d.support.x, a),
    ys: tileOverAlphas(d.support.y, a),
    xq: tileOverAlphas(d.query.x, a),
    yq: tileOverAlphas(d.query.y, a),
  };
}

/** Mean over runs of a per-model vector (α-major). */
function meanPerAlpha(v: ArrayLike<number>, alphas: number, runs: number): number[] {
  return Array.from({ length: alphas }, (_, a) => {
    let s = 0;
    for (let r = 0; r < runs; r++) s += v[a * runs + r];
    return s / runs;
  });
}

/** Trains every (αt, run) network as one batched stack with tfjs autodiff, then scores it. */
export async function runFig5Reference(
  st: Fig5Setting,
): Promise<{ perRun: number[][]; finalTrainLoss: number[] }> {
  const nA = st.alphas.length;
  const models = nA * st.runs;
  const host = fig5TrainingArrays(st);
  const d = st.p;
  const data: MamlData = {
    xs: tf.tensor3d(host.xs, [models * st.m, st.nt, d]),
    ys: tf.tensor3d(host.ys, [models * st.m, st.nt, 1]),
    xq: tf.tensor3d(host.xq, [models * st.m, st.nv, d]),
    yq: tf.tensor3d(host.yq, [models * st.m, st.nv, 1]),
  };
  const rate = tf.tensor1d(st.alphas.flatMap((a) => Array(st.runs).fill(a)));
  const alphaR = tf.fill([models], st.alphaR) as tf.Tensor1D;
  let params: MlpParams = mlpParamsFromArrays(host.params, host.sizes, models);
  const opts = { tasks: st.m, firstOrder: st.firstOrder, half: true };
  try {
    for (let epoch = 0; epoch < st.epochs; epoch++) {
      const { loss, grads } = mamlMetaGradients(params, rate, data, opts);
      const next = tf.tidy(() =>
        params.map((p, i) => tf.sub(p, tf.mul(grads[i], st.outerLr)) as tf.Tensor3D),
      );
      tf.dispose([params, grads, loss]);
      params = next;
    }
    const fin = tf.tidy(() => mamlMetaLoss(params, rate, data, opts));
    const finalTrainLoss = meanPerAlpha(await fin.data(), nA, st.runs);
    fin.dispose();
    // All test tasks in one batch, drawn task by task as the engine draws them.
    const testRng = createRng(st.seed, STREAM_TEST);
    const c = st.testTasks;
    const sup = { x: new Float32Array(c * st.nr * d), y: new Float32Array(c * st.nr) };
    const qry = {
      x: new Float32Array(c * st.testPoints * d),
      y: new Float32Array(c * st.testPoints),
    };
    for (let i = 0; i < c; i++) {
      const task = drawQuadraticTask(testRng, st);
      sampleQuadraticPoints(testRng, st, task, st.nr, sup.x, i * st.nr * d, sup.y, i * st.nr);
      const xq = i * st.testPoints;
      sampleQuadraticPoints(testRng, st, task, st.testPoints, qry.x, xq * d, qry.y, xq);
    }
    const loss = tf.tidy(() =>
      mamlMetaLoss(
        params,
        alphaR,
        {
          xs: tf.tensor3d(sup.x, [c, st.nr, d]),
          ys: tf.tensor3d(sup.y, [c, st.nr, 1]),
          xq: tf.tensor3d(qry.x, [c, st.testPoints, d]),
          yq: tf.tensor3d(qry.y, [c, st.testPoints, 1]),
        },
        { tasks: c, firstOrder: true, half: true },
      ),
    );
    const v = await loss.data();
    loss.dispose();
    const perRun = st.alphas.map((_, a) =>
      Array.from({ length: st.runs }, (_, r) => v[a * st.runs + r]),
    );
    return { perRun, finalTrainLoss };
  } finally {
    tf.dispose([params, rate, alphaR, data.xs, data.ys, data.xq, data.yq]);
  }
}
