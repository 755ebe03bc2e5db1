/**
 * MAML on K batched MLPs (batchedMlp.ts), each adapting to T tasks.
 *
 * Public API (shared with the nonlinear / Meta-SGD view):
 * - `mamlMetaGradients(params, alpha, data, opts)` → { loss [K], grads (like params), alphaGrads? }
 *   loss_k = mean_t L_q,t(θ'_k,t), θ'_k,t = θ_k − α_k ∘ ∇L_s,t(θ_k) (opts.innerSteps times; Finn
 *   et al. 2017, Eq. 1), L = scale · mean squared error (scale ½ when opts.half).
 *   - opts.firstOrder = false: exact gradient, differentiated through the inner step (second order);
 *     true: first-order MAML, ∂θ'/∂θ ≈ I (the inner gradient is held constant).
 *   - alpha: a per-model scalar [K] tensor, OR one tensor per parameter broadcastable to that
 *     parameter's [K, a, b] shape (Meta-SGD: learned per-parameter rates, e.g. [1, a, b] shared by
 *     all models or [K, a, b]). opts.alphaGrad = true also returns d loss_k / d alpha (same shapes).
 * - `mamlMetaLoss(params, alpha, data, opts)` → loss [K] without gradients (evaluation).
 * - opts.paramLimit (optional): bound on adapted parameters that keeps every number finite; models
 *   that exceed it are reported (`escaped`, or loss = Infinity) instead of overflowing.
 * - data: support xs/ys and query xq/yq, each [T, N, in|out] (the same tasks for all models) or
 *   [K·T, N, in|out] (own tasks per model, model-major: row k·T + t).
 * Call inside `tf.tidy` (or dispose the returned tensors).
 * tfjs gradients must be registered once by the HOST (they are not in tfjs-core's Node bundle):
 * `import './gradientsBrowser'` in a page or worker, `registerTfjsGradientsInNode()` from
 * ./gradientsNode in Node scripts (tsx); Vitest can import either.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  mlpForward,
  mlpLossGradients,
  paramsOutOfBounds,
  repeatPerTask,
  squaredErrorLoss,
} from './batchedMlp';
import type { MlpParams } from './batchedMlp';

export interface MamlData {
  xs: tf.Tensor3D;
  ys: tf.Tensor3D;
  xq: tf.Tensor3D;
  yq: tf.Tensor3D;
}

/** Per-model scalar rates [K], or one rate tensor per parameter (Meta-SGD). */
export type InnerRate = tf.Tensor1D | readonly tf.Tensor[];

export interface MamlOptions {
  /** Tasks per model (T). */
  tasks: number;
  firstOrder: boolean;
  /** Loss = ½ MSE instead of MSE. */
  half: boolean;
  /** Inner gradient steps (default 1), all on the support set. */
  innerSteps?: number;
  /**
   * Bound on adapted parameters. A model whose adapted parameters leave [−limit, limit] is
   * reported (loss = Infinity in mamlMetaLoss, `escaped` in mamlMetaGradients) and computed
   * with unadapted parameters instead, so no Inf/NaN is ever produced. Needed on WebGPU, whose
   * batched matMul (tfjs 4.22, packed and small-output programs) lets a non-finite value in batch
   * entry b of its second operand turn entry b − 1 of the result into NaN; the slower reduce
   * program (WEBGPU_MATMUL_PROGRAM_TYPE = 0) does not. Choose the limit so that bounded
   * parameters cannot overflow float32 in your network.
   */
  paramLimit?: number;
}

/** [T, …] shared data → [K·T, …] (model-major), or passes [K·T, …] through. */
function perModelTask(t: tf.Tensor3D, models: number, tasks: number): tf.Tensor3D {
  if (t.shape[0] === models * tasks) return t;
  if (t.shape[0] !== tasks) throw new Error(`data batch ${t.shape[0]} is neither T nor K·T`);
  return tf.tile(t, [models, 1, 1]);
}

/** Rates broadcast to each repeated parameter [K·T, a, b] (or [K·T, 1, 1] for per-model rates). */
function expandRates(
  alpha: InnerRate,
  params: MlpParams,
  tasks: number,
): (tf.Tensor3D | tf.Tensor)[] {
  const models = params[0].shape[0];
  if (!Array.isArray(alpha)) {
    const a = alpha as tf.Tensor1D;
    const perTask = tf.reshape(tf.tile(tf.reshape(a, [models, 1]), [1, tasks]), [
      models * tasks,
      1,
      1,
    ]);
    return params.map(() => perTask);
  }
  return params.map((p, i) => {
    const r = (alpha as readonly tf.Tensor[])[i];
    return repeatPerTask([tf.broadcastTo(r, p.shape) as tf.Tensor3D], tasks)[0];
  });
}

/** Identity whose derivative is zero: the inner gradient held constant in first-order MAML. */
const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

/**
 * paramsOutOfBounds as a float 0/1 flag that is ONE node on the gradient tape with a zero
 * gradient: otherwise backprop would run the gradients of abs/max (an Equal per element).
 */
function escapeFlags(limit: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const params = args.slice(0, -1) as MlpParams;
    return {
      value: tf.cast(paramsOutOfBounds(params, limit), 'float32'),
      gradFunc: () => params.map((p) => tf.zerosLike(p)),
    };
  }) as (...params: tf.Tensor[]) => tf.Tensor1D;
}

/**
 * Adapted parameters θ' for every (model, task). With `paramLimit`, an adapted model that leaves
 * the bound is replaced by its unadapted parameters and reported in `escaped` [K·T], so no
 * number downstream can overflow (see MamlOptions.paramLimit).
 */
function adapt(
  params: MlpParams,
  rates: (tf.Tensor3D | tf.Tensor)[],
  xs: tf.Tensor3D,
  ys: tf.Tensor3D,
  opts: MamlOptions,
): { theta: MlpParams; escaped: tf.Tensor1D | null } {
  const start = repeatPerTask(params, opts.tasks);
  let theta = start;
  let escaped: tf.Tensor1D | null = null;
  const steps = opts.innerSteps ?? 1;
  for (let s = 0; s < steps; s++) {
    let g: tf.Tensor[] = mlpLossGradients(theta, xs, ys, opts.half).grads;
    if (opts.firstOrder) g = g.map((t) => stopGradient(t));
    theta = theta.map((p, i) => tf.sub(p, tf.mul(rates[i], g[i])) as tf.Tensor3D);
    if (opts.paramLimit !== undefined) {
      const out = tf.cast(escapeFlags(opts.paramLimit)(...theta), 'bool') as tf.Tensor1D;
      escaped = escaped ? (tf.logicalOr(escaped, out) as tf.Tensor1D) : out;
      // θ + m·(start − θ) rather than where(): where() broadcasts its mask with a tile whose
      // gradient costs one slice per element; the product's gradient is a cheap reduction.
      const m = tf.reshape(tf.cast(escaped, 'float32'), [-1, 1, 1]);
      theta = theta.map((p, i) => tf.add(p, tf.mul(m, tf.sub(start[i], p))) as tf.Tensor3D);
    }
  }
  return { theta, escaped };
}

/** Per-model flag [K] from per-(model, task) flags [K·T]: any task escaped. */
function anyTask(flags: tf.Tensor1D, models: number, tasks: number): tf.Tensor1D {
  return tf.any(tf.reshape(flags, [models, tasks]), 1) as tf.Tensor1D;
}

/** Mean over each model's T tasks: [K·T] → [K]. */
function perModelMean(v: tf.Tensor1D, models: number, tasks: number): tf.Tensor1D {
  return tf.mean(tf.reshape(v, [models, tasks]), 1) as tf.Tensor1D;
}

export function mamlMetaLoss(
  params: MlpParams,
  alpha: InnerRate,
  data: MamlData,
  opts: MamlOptions,
): tf.Tensor1D {
  return tf.tidy(() => {
    const k = params[0].shape[0];
    const [xs, ys, xq, yq] = [data.xs, data.ys, data.xq, data.yq].map((t) =>
      perModelTask(t, k, opts.tasks),
    );
    const rates = expandRates(alpha, params, opts.tasks);
    const { theta, escaped } = adapt(params, rates, xs, ys, opts);
    const lq = squaredErrorLoss(mlpForward(theta, xq), yq, opts.half);
    const loss = perModelMean(lq, k, opts.tasks);
    if (!escaped) return loss;
    return tf.where(anyTask(escaped, k, opts.tasks), tf.fill([k], Infinity), loss) as tf.Tensor1D;
  });
}

export interface MamlGradients {
  loss: tf.Tensor1D;
  grads: MlpParams;
  alphaGrads?: tf.Tensor[];
  /** With opts.paramLimit: bool [K], models whose adaptation left the bound (loss/grads invalid). */
  escaped?: tf.Tensor1D;
}

export function mamlMetaGradients(
  params: MlpParams,
  alpha: InnerRate,
  data: MamlData,
  opts: MamlOptions & { alphaGrad?: boolean },
): MamlGradients {
  const k = params[0].shape[0];
  const nParams = params.length;
  const alphaList = Array.isArray(alpha) ? (alpha as readonly tf.Tensor[]) : [alpha as tf.Tensor];
  const wantAlpha = opts.alphaGrad === true;
  return tf.tidy(() => {
    const [xs, ys, xq, yq] = [data.xs, data.ys, data.xq, data.yq].map((t) =>
      perModelTask(t, k, opts.tasks),
    );
    let perModel: tf.Tensor1D | null = null;
    let escapedKept: tf.Tensor1D | null = null;
    const f = (...vars: tf.Tensor[]) => {
      const p = vars.slice(0, nParams) as MlpParams;
      const a = wantAlpha ? vars.slice(nParams) : alphaList;
      const rate: InnerRate = Array.isArray(alpha) ? a : (a[0] as tf.Tensor1D);
      const { theta, escaped } = adapt(p, expandRates(rate, p, opts.tasks), xs, ys, opts);
      if (escaped) escapedKept = tf.keep(anyTask(escaped, k, opts.tasks));
      const lq = squaredErrorLoss(mlpForward(theta, xq), yq, opts.half);
      perModel = tf.keep(perModelMean(lq, k, opts.tasks));
      return tf.sum(perModel) as tf.Scalar; // sum over models: each model gets its own gradient
    };
    const vars = wantAlpha ? [...params, ...alphaList] : [...params];
    const { grads } = tf.valueAndGrads(f)(vars);
    // perModel was kept (exempt from every tidy); hand back a normal copy so callers' tidies work.
    const kept = perModel as unknown as tf.Tensor1D;
    const loss = tf.clone(kept);
    kept.dispose();
    const out: MamlGradients = {
      loss,
      grads: grads.slice(0, nParams) as MlpParams,
    };
    if (wantAlpha) out.alphaGrads = grads.slice(nParams);
    if (escapedKept) {
      const flags = escapedKept as tf.Tensor1D;
      out.escaped = tf.clone(flags);
      flags.dispose();
    }
    return out as unknown as tf.TensorContainer;
  }) as unknown as MamlGradients;
}
