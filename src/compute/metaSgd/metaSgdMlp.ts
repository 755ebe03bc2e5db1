/**
 * Meta-SGD (Li et al. 2017) and MAML on one MLP (src/compute/mlp): θ' = θ − α ∘ ∇L_support(θ),
 * meta-loss L_query(θ'), outer loop Adam on θ and, for Meta-SGD, on the per-parameter rates α
 * (free to become negative). MAML keeps one fixed scalar α. Streams the per-layer statistics of the
 * learned rates (Table-1 style) while training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../core/rng';
import type { TaskBatch, TaskSampler } from '../../core/metaSgd/metaTaskSamplers';
import { layerRateStatistics, type LayerRateStats } from '../../core/metaSgd/rateStatistics';
import { initMlpArrays, mlpParamsFromArrays, type MlpParams } from '../nn/batchedMlp';
import { mamlMetaGradients, mamlMetaLoss, type InnerRate, type MamlData } from '../nn/maml';
import type { JobContext } from '../../core/jobs/context';
import { Adam } from '../nn/adam';
import type { MetaSgdProgress } from '../../core/metaSgd/mlpTypes';

export interface MetaSgdMlpConfig {
  sizes: number[];
  /** true: Meta-SGD (learned per-parameter rates); false: MAML with the fixed rate alphaInit. */
  learnRates: boolean;
  alphaInit: number;
  outerLr: number;
  iterations: number;
  metaBatch: number;
  support: number;
  query: number;
  innerSteps: number;
  firstOrder: boolean;
  /** ½ mean squared error instead of the mean squared error. */
  half: boolean;
  seed: number;
  /** Iterations between progress reports. */
  chunk: number;
  /** Initial weight standard deviation from the fan-in (default: He, √(2/fan_in)). */
  weightStd?: (fanIn: number) => number;
}

export interface TrainedMlp {
  sizes: number[];
  /** Host copies of θ, and of α (per parameter; a single scalar for MAML). */
  params: Float32Array[];
  rates: Float32Array[] | number;
  lossCurve: { iteration: number; loss: number }[];
  rateStats: LayerRateStats[];
}

export const layerNames = (sizes: readonly number[]) =>
  sizes.slice(1).map((_, l) => (l + 2 === sizes.length ? 'output' : `hidden ${l + 1}`));

/** Per-layer rate values (weights and biases of a layer together). */
export function ratesByLayer(sizes: readonly number[], rates: readonly Float32Array[]) {
  return layerNames(sizes).map((name, l) => {
    const w = rates[2 * l];
    const b = rates[2 * l + 1];
    const values = new Float32Array(w.length + b.length);
    values.set(w);
    values.set(b, w.length);
    return { name, values };
  });
}

export function batchTensors(b: TaskBatch): MamlData {
  return {
    xs: tf.tensor3d(b.xs, [b.tasks, b.support, b.inDim]),
    ys: tf.tensor3d(b.ys, [b.tasks, b.support, b.outDim]),
    xq: tf.tensor3d(b.xq, [b.tasks, b.query, b.inDim]),
    yq: tf.tensor3d(b.yq, [b.tasks, b.query, b.outDim]),
  };
}

const STREAM_INIT = 41;
const STREAM_TASKS = 42;

export async function trainMetaSgdMlp(
  cfg: MetaSgdMlpConfig,
  sampler: TaskSampler,
  ctx: JobContext<MetaSgdProgress>,
): Promise<TrainedMlp> {
  const initRng: Rng = createRng(cfg.seed, STREAM_INIT);
  const taskRng: Rng = createRng(cfg.seed, STREAM_TASKS);
  let params: MlpParams = mlpParamsFromArrays(
    initMlpArrays(cfg.sizes, 1, initRng, cfg.weightStd ? { weightStd: cfg.weightStd } : {}),
    cfg.sizes,
    1,
  );
  let rates: tf.Tensor[] = cfg.learnRates
    ? params.map((p) => tf.fill(p.shape, cfg.alphaInit))
    : [tf.tensor1d([cfg.alphaInit])];
  const adam = new Adam(cfg.learnRates ? [...params, ...rates] : params, cfg.outerLr);
  const opts = {
    tasks: cfg.metaBatch,
    firstOrder: cfg.firstOrder,
    half: cfg.half,
    innerSteps: cfg.innerSteps,
    alphaGrad: cfg.learnRates,
  };
  const lossCurve: { iteration: number; loss: number }[] = [];
  const stats = async () =>
    cfg.learnRates
      ? layerRateStatistics(
          ratesByLayer(
            cfg.sizes,
            (await Promise.all(rates.map((r) => r.data()))) as Float32Array[],
          ),
        )
      : [];
  let rateStats: LayerRateStats[] = await stats();
  try {
    for (let it = 0; it < cfg.iterations;) {
      const upto = Math.min(cfg.iterations, it + cfg.chunk);
      const losses: tf.Tensor[] = [];
      for (; it < upto; it++) {
        const data = batchTensors(sampler(taskRng, cfg.metaBatch, cfg.support, cfg.query));
        const rate: InnerRate = cfg.learnRates ? rates : (rates[0] as tf.Tensor1D);
        const g = mamlMetaGradients(params, rate, data, opts);
        tf.dispose([data.xs, data.ys, data.xq, data.yq]);
        losses.push(g.loss);
        if (cfg.learnRates) {
          const next = adam.step([...params, ...rates], [...g.grads, ...g.alphaGrads!]);
          params = next.slice(0, params.length) as MlpParams;
          rates = next.slice(params.length);
        } else {
          params = adam.step(params, g.grads);
        }
      }
      const lossSum = tf.tidy(() => tf.mean(tf.concat(losses.map((l) => tf.reshape(l, [-1])))));
      const loss = (await lossSum.data())[0];
      tf.dispose([lossSum, losses]);
      lossCurve.push({ iteration: it, loss });
      rateStats = await stats();
      ctx.progress({ iteration: it, loss, rateStats });
      await ctx.checkpoint();
    }
    const hostParams = (await Promise.all(params.map((p) => p.data()))) as Float32Array[];
    const hostRates = cfg.learnRates
      ? ((await Promise.all(rates.map((r) => r.data()))) as Float32Array[])
      : cfg.alphaInit;
    return { sizes: cfg.sizes, params: hostParams, rates: hostRates, lossCurve, rateStats };
  } finally {
    tf.dispose([params, rates]);
    adam.dispose();
  }
}

/** Tensors for a trained model: θ [1, a, b] each, α per parameter or a [1] scalar. */
export function trainedTensors(m: TrainedMlp): { params: MlpParams; rate: InnerRate } {
  const params = mlpParamsFromArrays(m.params, m.sizes, 1);
  const rate: InnerRate =
    typeof m.rates === 'number'
      ? tf.tensor1d([m.rates])
      : m.rates.map((r, i) => tf.tensor(r, params[i].shape));
  return { params, rate };
}

/** Mean query loss after adaptation on fresh tasks (meta-test), with the model's own rates. */
export async function metaTestLoss(
  m: TrainedMlp,
  sampler: TaskSampler,
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
  half: boolean,
  innerSteps = 1,
): Promise<number> {
  const { params, rate } = trainedTensors(m);
  const data = batchTensors(sampler(rng, tasks, support, query));
  const loss = mamlMetaLoss(params, rate, data, { tasks, firstOrder: true, half, innerSteps });
  const v = (await loss.data())[0];
  tf.dispose([params, rate as tf.Tensor | tf.Tensor[], data.xs, data.ys, data.xq, data.yq, loss]);
  return v;
}
