/**
 * K independent ReLU MLPs evaluated as ONE batched computation (batched matMul), so a whole grid of
 * models trains with one forward/backward per iteration instead of K separate ones.
 *
 * Layout: for layer sizes [n0, n1, …, nL], layer l has a weight [B, n_l, n_{l+1}] and a bias
 * [B, 1, n_{l+1}]; `MlpParams` is the flat list [W0, b0, W1, b1, …]. B is the batch of models (K),
 * or K·T once each model is repeated for its T tasks (`repeatPerTask`). Inputs are [B, N, n0]
 * (N points per model), outputs [B, N, nL]. Hidden layers use ReLU, the output layer is linear.
 *
 * The loss gradient is written out by hand (`mlpLossGradients`) with differentiable ops, so an
 * outer `tf.grads` can differentiate THROUGH it: that is the exact second-order MAML gradient (see
 * maml.ts). ReLU's second derivative is zero almost everywhere, which the mask op reproduces.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';

export type MlpParams = tf.Tensor3D[];

/** Shapes [[B, in, out], [B, 1, out], …] of the parameter list for `sizes` and a batch of B models. */
export function mlpParamShapes(
  sizes: readonly number[],
  batch: number,
): [number, number, number][] {
  const shapes: [number, number, number][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    shapes.push([batch, sizes[l], sizes[l + 1]], [batch, 1, sizes[l + 1]]);
  }
  return shapes;
}

export interface MlpInitOptions {
  /** Weight standard deviation as a function of fan-in; default He init √(2/fan_in) for ReLU. */
  weightStd?: (fanIn: number) => number;
  /** true: all K models start from the same draw (common random numbers across a grid). */
  shared?: boolean;
}

/**
 * Host-side initial parameters (Float32, model-major), drawn from `rng`: weights N(0, std²),
 * biases 0. Drawing on the host keeps batched and single-model runs bit-identical at the start.
 */
export function initMlpArrays(
  sizes: readonly number[],
  models: number,
  rng: Rng,
  opts: MlpInitOptions = {},
): Float32Array[] {
  const std = opts.weightStd ?? ((fanIn: number) => Math.sqrt(2 / fanIn));
  return mlpParamShapes(sizes, models).map(([, rows, cols], idx) => {
    const out = new Float32Array(models * rows * cols);
    if (idx % 2 === 1) return out; // bias
    const s = std(rows);
    const per = rows * cols;
    const draws = opts.shared ? 1 : models;
    for (let k = 0; k < draws; k++) {
      for (let i = 0; i < per; i++) out[k * per + i] = s * rng.normal();
    }
    if (opts.shared) for (let k = 1; k < models; k++) out.copyWithin(k * per, 0, per);
    return out;
  });
}

export function mlpParamsFromArrays(
  arrays: readonly Float32Array[],
  sizes: readonly number[],
  models: number,
): MlpParams {
  return mlpParamShapes(sizes, models).map((shape, i) => tf.tensor3d(arrays[i], shape));
}

/** Repeats each model's parameters T times (model-major): [K, a, b] → [K·T, a, b]. */
export function repeatPerTask(params: MlpParams, tasks: number): MlpParams {
  if (tasks === 1) return params;
  return params.map((p) => {
    const [k, a, b] = p.shape;
    return tf.reshape(tf.tile(tf.reshape(p, [k, 1, a, b]), [1, tasks, 1, 1]), [k * tasks, a, b]);
  });
}

/*
 * Products with a layer of width 1 (the 1-input and 1-output layers of a regression net) are written
 * as broadcast multiplies and sums: the same numbers, but batched matMul pays a per-matrix cost that
 * dominates for such thin matrices on the wasm and CPU backends.
 */

/** a [B, N, in] · W [B, in, out]. */
function linear(a: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const [b, nin, nout] = w.shape;
  if (nin === 1) return tf.mul(a, w);
  if (nout === 1) return tf.sum(tf.mul(a, tf.reshape(w, [b, 1, nin])), 2, true);
  return tf.matMul(a, w);
}

/** aᵀ dz: [B, in, N] · [B, N, out] → [B, in, out]. */
function weightGradient(a: tf.Tensor3D, dz: tf.Tensor3D): tf.Tensor3D {
  const [b, , nin] = a.shape;
  const nout = dz.shape[2];
  if (nin === 1) return tf.sum(tf.mul(a, dz), 1, true);
  if (nout === 1) return tf.reshape(tf.sum(tf.mul(a, dz), 1), [b, nin, 1]);
  return tf.matMul(a, dz, true, false);
}

/** dz Wᵀ: [B, N, out] · [B, out, in] → [B, N, in]. */
function inputGradient(dz: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const [b, nin, nout] = w.shape;
  if (nout === 1) return tf.mul(dz, tf.reshape(w, [b, 1, nin]));
  return tf.matMul(dz, w, false, true);
}

/** Pre-activations z_l and activations a_l of every layer (a_0 = x). */
function forwardTrace(params: MlpParams, x: tf.Tensor3D) {
  const zs: tf.Tensor3D[] = [];
  const as: tf.Tensor3D[] = [x];
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(linear(as[l], params[2 * l]), params[2 * l + 1]) as tf.Tensor3D;
    zs.push(z);
    as.push(l + 1 < layers ? tf.relu(z) : z);
  }
  return { zs, as };
}

/** Forward pass: x [B, N, n0] → [B, N, nL]. */
export function mlpForward(params: MlpParams, x: tf.Tensor3D): tf.Tensor3D {
  const { as } = forwardTrace(params, x);
  return as[as.length - 1];
}

/** Scale of the squared error: mean (pred − y)² (`half` = false) or ½ mean (pred − y)². */
const lossScale = (half: boolean) => (half ? 0.5 : 1);

/** Per-model loss [B]: scale · mean over points and outputs of (pred − y)². */
export function squaredErrorLoss(pred: tf.Tensor3D, y: tf.Tensor3D, half: boolean): tf.Tensor1D {
  return tf.mul(tf.mean(tf.square(tf.sub(pred, y)), [1, 2]), lossScale(half)) as tf.Tensor1D;
}

/**
 * Loss [B] and its gradient with respect to every parameter, per model, by explicit
 * backpropagation. Built only from differentiable ops, so it can sit inside an outer `tf.grads`.
 */
export function mlpLossGradients(
  params: MlpParams,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  half: boolean,
): { loss: tf.Tensor1D; grads: MlpParams } {
  const { zs, as } = forwardTrace(params, x);
  const layers = params.length / 2;
  const pred = as[layers];
  const [, n, out] = pred.shape;
  const residual = tf.sub(pred, y);
  const loss = tf.mul(tf.mean(tf.square(residual), [1, 2]), lossScale(half)) as tf.Tensor1D;
  // d loss / d pred = scale · 2 (pred − y) / (N · out)
  let dz = tf.mul(residual, (2 * lossScale(half)) / (n * out)) as tf.Tensor3D;
  const grads: tf.Tensor3D[] = new Array(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    grads[2 * l] = weightGradient(as[l], dz);
    grads[2 * l + 1] = tf.sum(dz, 1, true) as tf.Tensor3D;
    if (l > 0) {
      const da = inputGradient(dz, params[2 * l]);
      // ReLU'(z) = step(z), whose own gradient is 0: the exact second derivative a.e.
      dz = tf.mul(da, tf.step(zs[l - 1])) as tf.Tensor3D;
    }
  }
  return { loss, grads };
}

/**
 * bool [B]: true where any parameter of the model leaves [−limit, limit] or is not finite. Built
 * from ops that all have gradients (step, cast), so it may sit on a gradient tape.
 */
export function paramsOutOfBounds(params: MlpParams, limit: number): tf.Tensor1D {
  let worst: tf.Tensor = tf.max(tf.abs(params[0]), [1, 2]);
  for (const p of params.slice(1)) worst = tf.maximum(worst, tf.max(tf.abs(p), [1, 2]));
  return tf.cast(tf.step(tf.sub(worst, limit)), 'bool') as tf.Tensor1D;
}
