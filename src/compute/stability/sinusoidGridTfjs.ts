/**
 * The sinusoid α × β grid (paper §5.2, Fig. 4a): one MLP 1-40-40-1 per cell, ALL cells trained at
 * once as one batched computation (src/compute/mlp), MAML with one inner step, SGD with rate β.
 *
 * JobRunner `sinusoidGridRunner` (host it in the worker registry; the host selects the tfjs
 * backend and registers gradients). Every `reportEvery` iterations it evaluates each cell's
 * meta-loss on a fixed evaluation batch and streams a partial heatmap. A cell is flagged diverged
 * as soon as its training loss is non-finite or its parameters escape a bound (checked on the device
 * every iteration), or its evaluation loss is non-finite, or stays above its starting value for
 * ABOVE_START_REPORTS reports in a row; diverged cells leave the batch.
 * Why "in a row": SGD on one or a few tasks per step moves the evaluation loss of a slowly learning
 * cell up and down by ~10 %, and a single report above the start flagged stable cells (measured:
 * α = 0.0075, β = 0.029, one task: 3.79 at start, 3.2–3.3 after 60 iterations, one noisy report
 * above 3.79). Real divergence stays above (or turns non-finite), so it is still flagged.
 * All cells start from the same initialization and see the same tasks (common random numbers), so
 * a cell run alone reproduces its batched run (tested).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../core/rng';
import { isDiverged } from '../../core/stability/grid';
import { pacedCheckpoint, type JobRunner } from '../../core/jobs/context';
import {
  initMlpArrays,
  mlpParamsFromArrays,
  paramsOutOfBounds,
  type MlpParams,
} from '../nn/batchedMlp';
import { mamlMetaGradients, mamlMetaLoss, type MamlOptions } from '../nn/maml';
import { batchTensors, disposeData, drawSinusoidBatch } from './sinusoidTasks';
import type {
  SinusoidGridJob,
  SinusoidGridPartial,
  SinusoidGridResult,
} from '../../core/stability/sinusoidTypes';

/**
 * A cell whose parameters (or adapted parameters) leave [−100, 100] counts as diverged: no fit to
 * sines of amplitude ≤ 5 on x ∈ [−5, 5] needs such weights. The bound keeps every intermediate of
 * the second-order step far below float32's overflow for the 1-40-40-1 net (worst case ~1e33),
 * so no Inf/NaN ever appears — which the WebGPU batched matMul requires to keep cells apart.
 */
const PARAM_LIMIT = 100;
/** Consecutive reports above the starting loss that count as divergence (see the header). */
const ABOVE_START_REPORTS = 3;

const toGrid = <T>(flat: ArrayLike<T>, rows: number, cols: number): T[][] =>
  Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => flat[i * cols + j]),
  );

export const sinusoidGridTfjsRunner: JobRunner<
  SinusoidGridJob,
  SinusoidGridPartial,
  SinusoidGridResult
> = async (job, ctx) => {
  const sizes = job.sizes;
  const points = job.points;
  const every = Math.max(1, job.reportEvery ?? 10);
  const [na, nb] = [job.alpha.length, job.beta.length];
  const models = na * nb;
  const opts: MamlOptions = {
    tasks: job.tasks,
    firstOrder: job.variant === 'first-order',
    half: job.half,
    paramLimit: PARAM_LIMIT,
  };
  const taskRng = createRng(job.seed, 42);
  // Weight variance 1/(3·fan_in): that of PyTorch's default Linear init, which the paper's MAML
  // code most likely used; He init (2/fan_in) makes the Hessian, and so 1/α_c, several times larger.
  const init = initMlpArrays(sizes, models, createRng(job.seed, 40), {
    shared: true,
    weightStd: (fanIn) => 1 / Math.sqrt(3 * fanIn),
  });
  const evalBatch = drawSinusoidBatch(
    createRng(job.seed, 44),
    job.evalTasks,
    points,
    job.evalPoints,
  );
  const evalData = batchTensors(evalBatch);
  const evalOpts = { ...opts, tasks: job.evalTasks };

  // Cells still training. Diverged cells are dropped from the batch (gathered out), so the cost
  // follows the live cells: most of a wide β range diverges within a few iterations.
  let active = Array.from({ length: models }, (_, k) => k);
  let params: MlpParams = mlpParamsFromArrays(init, sizes, models);
  let alpha = tf.tensor1d(active.map((k) => job.alpha[Math.floor(k / nb)]));
  let beta = tf.tensor3d(
    active.map((k) => job.beta[k % nb]),
    [models, 1, 1],
  );
  /** Per active cell, set on the device when a step must not be taken (non-finite, escaped). */
  let stopped = tf.zeros([models], 'bool') as tf.Tensor1D;

  const diverged = new Uint8Array(models);
  const start = new Float64Array(models);
  const aboveStart = new Uint8Array(models);
  const current: (number | null)[] = new Array(models).fill(null);
  const curves: (number | null)[][] = Array.from({ length: models }, () => []);
  const curveIterations: number[] = [];

  const dropDiverged = () => {
    const keep = active.flatMap((k, i) => (diverged[k] ? [] : [i]));
    if (keep.length === active.length) return;
    const idx = tf.tensor1d(keep, 'int32');
    const gather = <T extends tf.Tensor>(t: T): T => {
      const g = tf.gather(t, idx) as T;
      t.dispose();
      return g;
    };
    params = params.map(gather);
    alpha = gather(alpha);
    beta = gather(beta);
    stopped.dispose();
    stopped = tf.zeros([keep.length], 'bool') as tf.Tensor1D;
    idx.dispose();
    active = keep.map((i) => active[i]);
  };

  const record = async (iteration: number) => {
    if (active.length > 0) {
      const l = mamlMetaLoss(params, alpha, evalData, evalOpts);
      const ev = await l.data();
      l.dispose();
      const flags = await stopped.data();
      active.forEach((k, i) => {
        if (iteration === 0) start[k] = ev[i];
        aboveStart[k] = isDiverged(ev[i], start[k]) ? aboveStart[k] + 1 : 0;
        if (flags[i] || !Number.isFinite(ev[i]) || aboveStart[k] >= ABOVE_START_REPORTS) {
          diverged[k] = 1;
        }
        current[k] = diverged[k] ? null : ev[i];
      });
      dropDiverged();
    }
    curveIterations.push(iteration);
    current.forEach((v, k) => curves[k].push(v));
    ctx.progress({
      iteration,
      iterations: job.iterations,
      loss: toGrid(current, na, nb),
      diverged: toGrid(Array.from(diverged, Boolean), na, nb),
    });
  };

  const step = () => {
    const data = batchTensors(drawSinusoidBatch(taskRng, job.tasks, points, points));
    const next = tf.tidy(() => {
      const { loss, grads, escaped } = mamlMetaGradients(params, alpha, data, opts);
      const stepped = params.map((p, i) => tf.sub(p, tf.mul(beta, grads[i]))) as MlpParams;
      let stop = tf.logicalOr(stopped, tf.logicalNot(tf.isFinite(loss)));
      stop = tf.logicalOr(stop, paramsOutOfBounds(stepped, PARAM_LIMIT));
      if (escaped) stop = tf.logicalOr(stop, escaped);
      const stopEach = tf.reshape(stop, [-1, 1, 1]); // where() broadcasts numpy-style
      const updated = stepped.map((s, i) => tf.where(stopEach, params[i], s)) as MlpParams;
      return { updated, stop };
    });
    disposeData(data);
    tf.dispose([params, stopped]);
    params = next.updated;
    stopped = next.stop as tf.Tensor1D;
  };

  const checkpoint = pacedCheckpoint(ctx);
  try {
    await record(0);
    for (let it = 1; it <= job.iterations; it++) {
      // Tasks are drawn even when no cell is left, so a cell's task sequence never depends on others.
      if (active.length > 0) step();
      else drawSinusoidBatch(taskRng, job.tasks, points, points);
      const report = it % every === 0 || it === job.iterations;
      if (report) await record(it);
      await checkpoint(report);
    }
  } finally {
    tf.dispose([params, alpha, beta, stopped]);
    disposeData(evalData);
  }
  return {
    alpha: job.alpha,
    beta: job.beta,
    loss: toGrid(current, na, nb),
    diverged: toGrid(Array.from(diverged, Boolean), na, nb),
    variant: job.variant,
    curveIterations,
    curves: toGrid(curves, na, nb),
  };
};
