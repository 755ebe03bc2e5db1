/**
 * Feature-reuse probe (Starshak §4–5) on synthetic 5-way 1-shot Gaussian-cluster tasks: a MAML and
 * a Meta-SGD network are meta-trained on the training classes; then, on tasks from held-out
 * classes, the network minus its last layer embeds points and a nearest-prototype (cosine)
 * classifier scores them:
 * - pre-adaptation: meta-initialization θ, on task A (and on task B, the baseline for off-task);
 * - on-task: θ adapted on A's support, scored on A;
 * - off-task: θ adapted on A's support, scored on another task B with disjoint classes.
 * Significance across tasks: paired t-tests of Δon = on − pre(A) and Δoff = off − pre(B) per
 * method, and Welch's test of (Δoff − Δon) between MAML and Meta-SGD (Starshak's comparison).
 * Training uses the shared batched MLP, whose loss is the squared error: labels are one-hot targets
 * (regression onto one-hot codes), not cross-entropy as in Starshak.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../core/rng';
import {
  createClassBank,
  clusterTaskSampler,
  fewShotBatch,
  pickClasses,
  type ClassBank,
} from '../../core/probe/gaussianClusterTasks';
import { prototypeAccuracy } from '../../core/probe/prototypeClassifier';
import { oneSampleT, welchT } from '../../core/stats/studentT';
import { mlpForward, mlpLossGradients, repeatPerTask, type MlpParams } from '../nn/batchedMlp';
import type { JobContext, JobRunner } from '../../core/jobs/context';
import { trainMetaSgdMlp, trainedTensors, type TrainedMlp } from '../metaSgd/metaSgdMlp';
import type {
  ProbeJob,
  ProbeProgress,
  MeanSe,
  ProbeArm,
  ProbeResult,
} from '../../core/probe/types';

const meanSe = (x: readonly number[]): MeanSe => {
  const t = oneSampleT(x);
  return { mean: t.mean, stderr: t.stderr };
};

/** Post-ReLU activations of the last hidden layer: the network minus its last layer. */
const embed = (params: MlpParams, x: tf.Tensor3D) => tf.relu(mlpForward(params.slice(0, -2), x));

/** Accuracies pre(A), pre(B), on(A), off(B) for each of the given task pairs. */
export async function probeAccuracies(
  model: TrainedMlp,
  bank: ClassBank,
  rng: Rng,
  pairs: number,
  innerSteps: number,
) {
  const f = bank.family;
  const setsA = Array.from({ length: pairs }, () => pickClasses(rng, bank, 'test'));
  const setsB = setsA.map((a) => pickClasses(rng, bank, 'test', a));
  const A = fewShotBatch(rng, bank, setsA);
  const B = fewShotBatch(rng, bank, setsB);
  const { params, rate } = trainedTensors(model);
  const t3 = (a: Float32Array, n: number, d: number) => tf.tensor3d(a, [pairs, n, d]);
  const embeddings = tf.tidy(() => {
    const [xsA, ysA, xqA] = [
      t3(A.xs, A.support, A.inDim),
      t3(A.ys, A.support, A.outDim),
      t3(A.xq, A.query, A.inDim),
    ];
    const [xsB, xqB] = [t3(B.xs, B.support, B.inDim), t3(B.xq, B.query, B.inDim)];
    const theta0 = repeatPerTask(params, pairs);
    let theta = theta0;
    for (let s = 0; s < innerSteps; s++) {
      const g = mlpLossGradients(theta, xsA, ysA, false).grads;
      theta = theta.map((p, i) =>
        tf.sub(p, tf.mul(Array.isArray(rate) ? rate[i] : (rate as tf.Tensor), g[i])),
      ) as MlpParams;
    }
    return [
      embed(theta0, xsA),
      embed(theta0, xqA),
      embed(theta0, xsB),
      embed(theta0, xqB),
      embed(theta, xsA),
      embed(theta, xqA),
      embed(theta, xsB),
      embed(theta, xqB),
    ];
  });
  const host = await Promise.all(embeddings.map((e) => e.data()));
  const dim = embeddings[0].shape[2];
  tf.dispose([embeddings, params, rate as tf.Tensor | tf.Tensor[]]);
  const acc = (si: number, qi: number, t: number) =>
    prototypeAccuracy(
      host[si].subarray(t * A.support * dim, (t + 1) * A.support * dim),
      host[qi].subarray(t * A.query * dim, (t + 1) * A.query * dim),
      dim,
      f.ways,
      f.shots,
      f.queries,
    );
  const out = {
    preA: [] as number[],
    preB: [] as number[],
    onA: [] as number[],
    offB: [] as number[],
  };
  for (let t = 0; t < pairs; t++) {
    out.preA.push(acc(0, 1, t));
    out.preB.push(acc(2, 3, t));
    out.onA.push(acc(4, 5, t));
    out.offB.push(acc(6, 7, t));
  }
  return out;
}

async function trainArm(
  job: ProbeJob,
  bank: ClassBank,
  learnRates: boolean,
  ctx: JobContext<ProbeProgress>,
) {
  const f = job.family;
  const stage = learnRates ? 'train Meta-SGD' : 'train MAML';
  return trainMetaSgdMlp(
    {
      sizes: [f.signalDim + f.nuisanceDim, job.hidden, job.hidden, f.ways],
      learnRates,
      alphaInit: job.alpha,
      outerLr: job.outerLr,
      iterations: job.iterations,
      metaBatch: job.metaBatch,
      support: f.ways * f.shots,
      query: f.ways * f.queries,
      innerSteps: job.innerSteps,
      firstOrder: job.firstOrder,
      half: false,
      seed: job.seed,
      chunk: Math.max(1, Math.floor(job.iterations / 20)),
    },
    clusterTaskSampler(bank),
    {
      ...ctx,
      progress: (p) =>
        ctx.progress({ stage, done: p.iteration, total: job.iterations, loss: p.loss }),
    },
  );
}

export const runFeatureReuseProbe: JobRunner<ProbeJob, ProbeProgress, ProbeResult> = async (
  job,
  ctx,
) => {
  const bank = createClassBank(createRng(job.seed, 51), job.family);
  const models = [await trainArm(job, bank, false, ctx), await trainArm(job, bank, true, ctx)];
  const arms: ProbeArm[] = [];
  const diffs: number[][] = [];
  for (const [i, model] of models.entries()) {
    // The same evaluation tasks for both methods (same seed and stream).
    const rng = createRng(job.seed, 52);
    const acc = {
      preA: [] as number[],
      preB: [] as number[],
      onA: [] as number[],
      offB: [] as number[],
    };
    const chunk = 200;
    for (let done = 0; done < job.evalTasks;) {
      const n = Math.min(chunk, job.evalTasks - done);
      const r = await probeAccuracies(model, bank, rng, n, job.innerSteps);
      for (const k of ['preA', 'preB', 'onA', 'offB'] as const) acc[k].push(...r[k]);
      done += n;
      ctx.progress({ stage: 'evaluate', done: done + i * job.evalTasks, total: 2 * job.evalTasks });
      await ctx.checkpoint();
    }
    const dOn = acc.onA.map((x, t) => x - acc.preA[t]);
    const dOff = acc.offB.map((x, t) => x - acc.preB[t]);
    diffs.push(dOff.map((x, t) => x - dOn[t]));
    arms.push({
      method: i === 0 ? 'MAML' : 'Meta-SGD',
      finalTrainLoss: model.lossCurve[model.lossCurve.length - 1]?.loss ?? NaN,
      pre: meanSe(acc.preA),
      onTask: meanSe(acc.onA),
      offTask: meanSe(acc.offB),
      deltaOn: oneSampleT(dOn),
      deltaOff: oneSampleT(dOff),
      rateStats: model.rateStats,
    });
  }
  return { arms, offMinusOnMetaSgdVsMaml: welchT(diffs[1], diffs[0]) };
};
