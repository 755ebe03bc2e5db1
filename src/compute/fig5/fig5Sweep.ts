/**
 * Fig. 5 of Bernacchia 2021 as one batched computation: every (α_t, run) pair is one model of the
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
import { initMlpArrays, mlpParamsFromArrays, type MlpParams } from '../nn/batchedMlp';
import { mamlMetaGradients, mamlMetaLoss, type MamlData } from '../nn/maml';
import type { JobContext, JobRunner } from '../../core/jobs/context';
import type { Fig5Progress, Fig5Result, Fig5Job } from '../../core/fig5/types';

/** Host arrays [count·n, p] and [count·n, 1] of n points for each task. */
function pointsFor(
  rng: ReturnType<typeof createRng>,
  st: Fig5Setting,
  tasks: ReturnType<typeof drawQuadraticTask>[],
  n: number,
) {
  const x = new Float32Array(tasks.length * n * st.p);
  const y = new Float32Array(tasks.length * n);
  tasks.forEach((t, i) => sampleQuadraticPoints(rng, st, t, n, x, i * n * st.p, y, i * n));
  return { x, y };
}

/** Repeats run-major blocks for every α_t: [runs·B] → [alphas·runs·B] (α-major). */
function tileOverAlphas(a: Float32Array, alphas: number): Float32Array {
  const out = new Float32Array(a.length * alphas);
  for (let k = 0; k < alphas; k++) out.set(a, k * a.length);
  return out;
}

const STREAM_TRAIN = 31;
const STREAM_TEST = 32;

/** Host-side meta-training data and initial weights for all models (deterministic in the seed). */
export function fig5TrainingArrays(st: Fig5Setting) {
  const rng = createRng(st.seed, STREAM_TRAIN);
  const sizes = [st.p, st.width, st.width, 1];
  // Weights N(0, 1/fan_in) as in the paper; one draw per run, shared by all α_t.
  const init = initMlpArrays(sizes, st.runs, rng, { weightStd: (fanIn) => 1 / Math.sqrt(fanIn) });
  const tasks = Array.from({ length: st.runs * st.m }, () => drawQuadraticTask(rng, st));
  const support = pointsFor(rng, st, tasks, st.nt);
  const query = pointsFor(rng, st, tasks, st.nv);
  const a = st.alphas.length;
  return {
    sizes,
    params: init.map((arr) => tileOverAlphas(arr, a)),
    xs: tileOverAlphas(support.x, a),
    ys: tileOverAlphas(support.y, a),
    xq: tileOverAlphas(query.x, a),
    yq: tileOverAlphas(query.y, a),
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

/** Floats of one model copy (weights and biases). */
const paramCount = (sizes: number[]) =>
  sizes.slice(1).reduce((acc, out, l) => acc + (sizes[l] + 1) * out, 0);

type GroupProgress = Omit<Fig5Progress, 'group' | 'groups'>;

/** Trains and scores one batch of αt values (all runs of each) as one model stack. */
async function trainAndScore(
  st: Fig5Setting,
  job: Fig5Job,
  ctx: JobContext<GroupProgress>,
): Promise<{ perRun: number[][]; trainLoss: number[] }> {
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
  const chunk = Math.max(1, job.chunkEpochs ?? 25);
  let trainLoss: number[] = new Array(nA).fill(NaN);
  try {
    for (let epoch = 0; epoch < st.epochs;) {
      const upto = Math.min(st.epochs, epoch + chunk);
      let lastLoss: tf.Tensor1D | null = null;
      for (; epoch < upto; epoch++) {
        const { loss, grads } = mamlMetaGradients(params, rate, data, opts);
        const next = tf.tidy(() =>
          params.map((p, i) => tf.sub(p, tf.mul(grads[i], st.outerLr)) as tf.Tensor3D),
        );
        tf.dispose([params, grads]);
        lastLoss?.dispose();
        params = next;
        lastLoss = loss;
      }
      trainLoss = meanPerAlpha(await lastLoss!.data(), nA, st.runs);
      lastLoss!.dispose();
      ctx.progress({ phase: 'train', epoch, epochs: st.epochs, tested: 0, trainLoss });
      await ctx.checkpoint();
    }
    // Meta-test on shared test tasks, in chunks sized to bound the per-task parameter copies.
    const testRng = createRng(st.seed, STREAM_TEST);
    const copies = Math.max(1, Math.floor((job.testChunkFloats ?? 2e7) / paramCount(host.sizes)));
    const perChunk = Math.max(1, Math.min(st.testTasks, Math.floor(copies / models)));
    const sum = new Float64Array(models);
    for (let done = 0; done < st.testTasks;) {
      const c = Math.min(perChunk, st.testTasks - done);
      // Task by task (not all tasks, then all points), so the test set does not depend on chunking.
      const sup = { x: new Float32Array(c * st.nr * d), y: new Float32Array(c * st.nr) };
      const qry = {
        x: new Float32Array(c * st.testPoints * d),
        y: new Float32Array(c * st.testPoints),
      };
      for (let i = 0; i < c; i++) {
        const task = drawQuadraticTask(testRng, st);
        sampleQuadraticPoints(testRng, st, task, st.nr, sup.x, i * st.nr * d, sup.y, i * st.nr);
        const [nq, xq] = [st.testPoints, i * st.testPoints];
        sampleQuadraticPoints(testRng, st, task, nq, qry.x, xq * d, qry.y, xq);
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
      for (let k = 0; k < models; k++) sum[k] += v[k] * c;
      done += c;
      ctx.progress({ phase: 'test', epoch: st.epochs, epochs: st.epochs, tested: done, trainLoss });
      await ctx.checkpoint();
    }
    const perRun = st.alphas.map((_, a) =>
      Array.from({ length: st.runs }, (_, r) => sum[a * st.runs + r] / st.testTasks),
    );
    return { perRun, trainLoss };
  } finally {
    tf.dispose([params, rate, alphaR, data.xs, data.ys, data.xq, data.yq]);
  }
}

export const runFig5Sweep: JobRunner<Fig5Job, Fig5Progress, Fig5Result> = async (job, ctx) => {
  const st = job.setting;
  const t0 = performance.now();
  const nA = st.alphas.length;
  const perModel = paramCount([st.p, st.width, st.width, 1]) * st.m;
  const maxModels = Math.floor((job.trainCopyFloats ?? 3e7) / perModel);
  const perGroup = Math.max(1, Math.min(nA, Math.floor(maxModels / st.runs)));
  const groups = Math.ceil(nA / perGroup);
  const perRun: number[][] = [];
  const trainLoss: number[] = new Array(nA).fill(NaN);
  for (let g = 0; g < groups; g++) {
    const lo = g * perGroup;
    const alphas = st.alphas.slice(lo, lo + perGroup);
    const r = await trainAndScore({ ...st, alphas }, job, {
      ...ctx,
      progress: (p) => {
        p.trainLoss.forEach((l, i) => (trainLoss[lo + i] = l));
        ctx.progress({ ...p, trainLoss: [...trainLoss], group: g + 1, groups });
      },
    });
    perRun.push(...r.perRun);
  }
  const meanTestLoss = perRun.map((v) => v.reduce((x, y) => x + y, 0) / v.length);
  const stderr = perRun.map((v, a) =>
    v.length > 1
      ? Math.sqrt(v.reduce((x, y) => x + (y - meanTestLoss[a]) ** 2, 0) / (v.length - 1) / v.length)
      : NaN,
  );
  let best = 0;
  for (let a = 1; a < nA; a++) if (meanTestLoss[a] < meanTestLoss[best]) best = a;
  return {
    alphas: [...st.alphas],
    meanTestLoss,
    stderr,
    perRun,
    bestAlpha: st.alphas[best],
    finalTrainLoss: trainLoss,
    backend: tf.getBackend(),
    seconds: (performance.now() - t0) / 1000,
  };
};
