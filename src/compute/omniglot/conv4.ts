/**
 * Conv4 of Finn et al. 2017 (Omniglot) and MAML on it, batched over the tasks of a meta-batch.
 *
 * Network: 4 blocks of [3 × 3 conv, stride 2, padding 1 on every side, no bias → batch norm with the
 * batch's statistics (ε = 1e-5, biased variance, as PyTorch in training mode), γ and β → ReLU];
 * flatten (H, W, C order); linear to N ways with a bias. 28 × 28 → 14 → 7 → 4 → 2, so the head
 * sees 2·2·filters features. Glorot-uniform init (fan = 9·C_in and 9·C_out for a conv), γ = 1,
 * β = 0, head bias 0. Loss: cross-entropy, mean over a task's images.
 *
 * Why no tf.conv2d: tfjs 4.22 registers no gradient for Conv2DBackpropFilter (so conv2d's filter
 * gradient cannot be differentiated again: no exact second order), the wasm backend has no
 * Conv2DBackpropFilter kernel at all, and conv2d takes one filter for the whole batch while every
 * task of a meta-batch has its own adapted filters. So a conv is written as im2col + one batched
 * matMul: the padded input [B, H', W', C] is reshaped to [B, H'/2, 2, W'/2, 2C], which turns each
 * of the 9 stride-2 taps into a plain slice; the 9 slices are concatenated along channels
 * ([B, Ho, Wo, 9C], tap-major, i.e. the HWIO filter flattened) and multiplied by the task's filter
 * [9C, C_out]. Every op (pad, reshape, slice, concat, matMul, moments, relu, and a log-softmax
 * built from an exp that saves its input: see expFromInput) has a tfjs gradient whose own ops have
 * gradients, so `tf.grads` nested in `tf.grads` gives the exact
 * second-order MAML gradient (tfjs supports higher-order tapes; ReLU's second derivative is zero
 * a.e., which step() reproduces).
 *
 * Parameter list (conv4Params.ts; meta-parameters, unbatched): [W1, γ1, β1, …, W4, γ4, β4, Wh, bh] with W_l
 * [9·C_in, C_out], γ/β [1, C_out], Wh [4·C, N], bh [1, N]. Per-task copies carry a leading task
 * axis T. Images: [T, M, S, S, 1] floats (ink = 1), labels one-hot [T, M, N].
 */
import * as tf from '@tensorflow/tfjs-core';
import { BN_EPS, CONV_BLOCKS, convOut, perTask } from './conv4Params';

export * from './conv4Params';

/**
 * a [P, K] · b [K, O] whose gradients are again plain products (of explicit transposes), so every
 * order of derivative runs on tfjs-wasm's fast path: there a 2-D matMul without transpose flags
 * goes to XNNPACK (~29 GFLOP/s on this machine) while a batched or transposed one runs a naive loop
 * (~2.6 GFLOP/s) — and tfjs's own BatchMatMul gradient uses the transpose flags.
 */
export const plainMatMul: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          plainMatMul(dy as tf.Tensor2D, tf.transpose(sb)),
          plainMatMul(tf.transpose(sa), dy as tf.Tensor2D),
        ];
      },
    };
  },
) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Per-task products a [T, P, K] · w [T, K, O] → [T, P, O], one plain 2-D product per task. */
export function taskMatMul(a: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const tasks = a.shape[0];
  if (tasks === 1)
    return tf.expandDims(plainMatMul(tf.squeeze(a, [0]), tf.squeeze(w, [0])), 0) as tf.Tensor3D;
  const as = tf.unstack(a) as tf.Tensor2D[];
  const ws = tf.unstack(w) as tf.Tensor2D[];
  return tf.stack(as.map((x, t) => plainMatMul(x, ws[t]))) as tf.Tensor3D;
}

/**
 * The blocks' nonlinearity: ReLU. Tests swap in a smooth one (softplus) to check second
 * derivatives by finite differences: with ReLU the inner gradient jumps wherever a pre-activation
 * crosses 0, so a difference quotient of it is meaningless there, although the exact derivative
 * (ReLU'' = 0 a.e.) is right.
 */
let activation: (x: tf.Tensor) => tf.Tensor = tf.relu;

export function withActivation<T>(f: (x: tf.Tensor) => tf.Tensor, body: () => T): T {
  const prev = activation;
  activation = f;
  try {
    return body();
  } finally {
    activation = prev;
  }
}

/**
 * One block: h [T·M, S, S, C] with per-task filter w [T, 9C, O], γ, β [T, 1, O] →
 * [T·M, So, So, O]. Batch norm over each task's M images and all positions.
 */
export function convBlock(
  h: tf.Tensor4D,
  w: tf.Tensor3D,
  gamma: tf.Tensor3D,
  beta: tf.Tensor3D,
  tasks: number,
): tf.Tensor4D {
  const [tm, s, , c] = h.shape;
  const so = convOut(s);
  const o = w.shape[2];
  const m = tm / tasks;
  // pad 1 before; after, up to 2·(So + 1) rows: the extra row (odd S) is never read by a tap
  const after = 2 * (so + 1) - s - 1;
  const padded = tf.pad(h, [
    [0, 0],
    [1, after],
    [1, after],
    [0, 0],
  ]);
  // Only slices of rank ≤ 4 (tfjs-wasm slices rank 5 element by element in JavaScript).
  const rows = tf.reshape(padded, [tm, so + 1, 2, 2 * (so + 1) * c]);
  const taps: tf.Tensor4D[] = [];
  // padded row 2i + k = 2q + s with (q, s) = (i, 0), (i, 1), (i + 1, 0) for k = 0, 1, 2
  for (const [qy, sy] of [
    [0, 0],
    [0, 1],
    [1, 0],
  ]) {
    const row = tf.reshape(tf.slice(rows, [0, qy, sy, 0], [tm, so, 1, -1]), [
      tm * so,
      so + 1,
      2 * c,
    ]);
    // columns k = 0 and 1 are (q = j, s = 0 | 1): one contiguous slice; k = 2 is (j + 1, 0)
    const k01 = tf.slice(row, [0, 0, 0], [tm * so, so, 2 * c]);
    const k2 = tf.slice(row, [0, 1, 0], [tm * so, so, c]);
    taps.push(tf.reshape(tf.concat([k01, k2], 2), [tm, so, so, 3 * c]));
  }
  const patches = tf.reshape(tf.concat(taps, 3), [tasks, m * so * so, 9 * c]) as tf.Tensor3D;
  const z = taskMatMul(patches, w);
  const { mean, variance } = tf.moments(z, 1, true);
  const zhat = tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, BN_EPS)));
  const y = activation(tf.add(tf.mul(zhat, gamma), beta));
  return tf.reshape(y, [tm, so, so, o]);
}

/** Flattened features of the last block [T, M, F] for images [T, M, S, S, 1]. */
export function conv4Features(theta: readonly tf.Tensor3D[], x: tf.Tensor): tf.Tensor3D {
  const [tasks, m, s] = x.shape;
  let h = tf.reshape(x, [tasks * m, s, s, 1]) as tf.Tensor4D;
  for (let l = 0; l < CONV_BLOCKS; l++)
    h = convBlock(h, theta[3 * l], theta[3 * l + 1], theta[3 * l + 2], tasks);
  return tf.reshape(h, [tasks, m, -1]);
}

/** Logits [T, M, N]. */
export function conv4Logits(theta: readonly tf.Tensor3D[], x: tf.Tensor): tf.Tensor3D {
  const f = conv4Features(theta, x);
  const [wh, bh] = theta.slice(3 * CONV_BLOCKS);
  return tf.add(taskMatMul(f, wh), bh) as tf.Tensor3D;
}

/** Identity whose derivative is zero (first-order MAML holds the inner gradient constant). */
const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

/**
 * exp whose gradient is recomputed from its INPUT. tfjs 4.22's higher-order gradients lose every
 * term that goes through a SAVED OUTPUT (Exp, LogSoftmax, Softmax, Tanh, Sigmoid save theirs): the
 * saved copy's tape node is recorded before the node that produces it, so the tape filter finds it
 * unreachable. (Measured: the meta-gradient of a conv block + log-softmax head was off by O(1);
 * with this exp it matches finite differences. Ops that save inputs, as ReLU, rsqrt and matMul
 * do, are fine.)
 */
const expFromInput: (x: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([x]);
    return {
      value: tf.exp(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, expFromInput(saved[0])),
    };
  },
) as (x: tf.Tensor) => tf.Tensor;

/**
 * max over the last axis as a constant (zero gradient, and no Max node on the tape, whose
 * gradient's Equal has no gradient): it only stabilizes log-softmax, whose value does not depend on it.
 */
const rowMaxConstant = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.max(args[0] as tf.Tensor, 2, true),
  gradFunc: () => tf.zerosLike(args[0] as tf.Tensor),
})) as (x: tf.Tensor) => tf.Tensor;

/** log softmax over the last axis, differentiable to any order (see expFromInput). */
export function logSoftmax(logits: tf.Tensor3D): tf.Tensor3D {
  const shifted = tf.sub(logits, rowMaxConstant(logits));
  return tf.sub(shifted, tf.log(tf.sum(expFromInput(shifted), 2, true))) as tf.Tensor3D;
}

/** Per-task cross-entropy [T]: mean over the task's images of −log softmax at the label. */
export function crossEntropy(logits: tf.Tensor3D, onehot: tf.Tensor3D): tf.Tensor1D {
  const m = logits.shape[1];
  return tf.div(tf.neg(tf.sum(tf.mul(onehot, logSoftmax(logits)), [1, 2])), m) as tf.Tensor1D;
}

/** Per-task accuracy [T] (fraction of images whose largest logit is the label). */
export function accuracy(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Tensor1D {
  return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 2), labels), 'float32'), 1) as tf.Tensor1D;
}

/** Inner rate: one number for every parameter, or one tensor per parameter (Meta-SGD). */
export type Conv4Rate = number | readonly tf.Tensor[];

export interface AdaptOptions {
  steps: number;
  firstOrder: boolean;
  /** Parameter indices the inner loop adapts (default all; ANIL: headIndices()). */
  adapt?: readonly number[];
}

/**
 * Per-task parameters after `steps` inner SGD steps on the support set:
 * θ'_t = θ_t − α ∇ L_s,t(θ_t), repeated. Tasks are independent, so the gradient of the SUM of the
 * per-task losses gives each task its own gradient in one batched pass.
 */
export function adaptConv4(
  theta: readonly tf.Tensor3D[],
  xs: tf.Tensor,
  ys: tf.Tensor3D,
  alpha: Conv4Rate,
  opts: AdaptOptions,
): tf.Tensor3D[] {
  const idx = opts.adapt ?? theta.map((_, i) => i);
  let cur = theta.slice();
  for (let s = 0; s < opts.steps; s++) {
    const fixed = cur;
    const g = tf.grads((...free: tf.Tensor[]) => {
      const p = fixed.slice();
      idx.forEach((k, j) => (p[k] = free[j] as tf.Tensor3D));
      return tf.sum(crossEntropy(conv4Logits(p, xs), ys));
    })(idx.map((k) => fixed[k]));
    cur = fixed.slice();
    idx.forEach((k, j) => {
      const gk = opts.firstOrder ? stopGradient(g[j]) : g[j];
      const a = typeof alpha === 'number' ? alpha : alpha[k];
      cur[k] = tf.sub(fixed[k], tf.mul(gk, a)) as tf.Tensor3D;
    });
  }
  return cur;
}

export interface EpisodeTensors {
  /** [T, Ms, S, S, 1], [T, Ms, N], [T, Mq, S, S, 1], [T, Mq, N]. */
  xs: tf.Tensor;
  ys: tf.Tensor3D;
  xq: tf.Tensor;
  yq: tf.Tensor3D;
}

/**
 * Meta-loss (mean over tasks of the query cross-entropy after adaptation) and its gradient with
 * respect to the meta-parameters (and to per-parameter rates when `rate` is a tensor list and
 * `rateGrads` is set). Call inside tf.tidy.
 */
export function conv4MetaGradients(
  params: readonly tf.Tensor[],
  data: EpisodeTensors,
  alpha: Conv4Rate,
  opts: AdaptOptions & { rateGrads?: boolean },
): { loss: tf.Scalar; grads: tf.Tensor[]; rateGrads?: tf.Tensor[] } {
  const tasks = data.xs.shape[0];
  const np = params.length;
  const learnRates = opts.rateGrads === true && typeof alpha !== 'number';
  if (opts.firstOrder && !learnRates) {
    // First order without taping the inner loop: θ' is a constant, and the meta-gradient is
    // ∇θ' L_q(θ') summed over the tasks (÷ T: the meta-loss is the mean over tasks).
    const adapted = adaptConv4(perTask(params, tasks), data.xs, data.ys, alpha, opts);
    const { value, grads } = tf.valueAndGrads((...v: tf.Tensor[]) =>
      tf.mean(crossEntropy(conv4Logits(v as tf.Tensor3D[], data.xq), data.yq)),
    )(adapted);
    return {
      loss: value as tf.Scalar,
      grads: grads.map((g, i) => tf.reshape(tf.sum(g, 0), params[i].shape)),
    };
  }
  const xs = learnRates ? [...params, ...(alpha as tf.Tensor[])] : [...params];
  const { value, grads } = tf.valueAndGrads((...v: tf.Tensor[]) => {
    const theta = perTask(v.slice(0, np), tasks);
    const rate = learnRates ? v.slice(np) : alpha;
    const adapted = adaptConv4(theta, data.xs, data.ys, rate, opts);
    return tf.mean(crossEntropy(conv4Logits(adapted, data.xq), data.yq)) as tf.Scalar;
  })(xs);
  return {
    loss: value as tf.Scalar,
    grads: grads.slice(0, np),
    ...(learnRates ? { rateGrads: grads.slice(np) } : {}),
  };
}
