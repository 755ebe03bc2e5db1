/**
 * Scoring a meta-trained Conv4 (train.ts) on the fixed Omniglot test tasks: per-task query
 * accuracy after adaptation steps with αr (or Meta-SGD's learned rates), or NIL's cosine
 * similarity to the support embeddings; 5-way on the fixed test set, 20-way on the official runs.
 * On the wasm Conv4 kernel where it computes the same (kernelScore.ts), else tfjs, in chunks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OmniglotData } from '../../core/omniglot/format';
import { officialRuns } from '../../core/omniglot/runs';
import { evaluationTasks, type Episode } from '../../core/omniglot/tasks';
import { meanCi, type OgScore, type OgTrainSetting } from '../../core/omniglot/training';
import {
  accuracy,
  adaptConv4,
  conv4FromArrays,
  conv4Features,
  conv4Logits,
  CONV_BLOCKS,
  crossEntropy,
  featureSize,
  headIndices,
  perTask,
} from './conv4';
import { episodeTensors } from './episodes';
import type { TrainedConv4 } from './train';
import { kernelScoreApplies, scoreOnKernel } from './kernelScore';

/**
 * Tasks per evaluation chunk: keeps the largest im2col patches tensor of a chunk (block 1:
 * 14·14 positions × 9 values, or block 2: 7·7 × 9·filters, per image, float32) near 30 MB; the
 * wasm heap is limited to 2–4 GB and a chunk holds a few tensors of that size.
 */
export const chunkFor = (filters: number, images: number) =>
  Math.max(1, Math.floor(30e6 / (images * 4 * Math.max(196 * 9, 49 * 9 * filters))));

/**
 * A trained network's parameter arrays (and learned rates) for tasks of `way` classes: a head of
 * another way is replaced by a zero head of that way, whose learned rates (Meta-SGD) are the mean
 * learned head rates.
 */
export function arraysForWay(model: TrainedConv4, way: number) {
  const arrays = model.params.slice();
  const nHead = 3 * CONV_BLOCKS;
  if (way !== model.shape.way) {
    arrays[nHead] = new Float32Array(featureSize(model.shape) * way);
    arrays[nHead + 1] = new Float32Array(way);
  }
  const rateArrays = model.rates?.slice();
  if (rateArrays && way !== model.shape.way) {
    const mean = (a: Float32Array) => a.reduce((x, y) => x + y, 0) / a.length;
    rateArrays[nHead] = new Float32Array(featureSize(model.shape) * way).fill(
      mean(rateArrays[nHead]),
    );
    rateArrays[nHead + 1] = new Float32Array(way).fill(mean(rateArrays[nHead + 1]));
  }
  return { arrays, rateArrays, shape: { ...model.shape, way } };
}

/** The same as tensors. */
export function modelForWay(model: TrainedConv4, way: number) {
  const { arrays, rateArrays, shape } = arraysForWay(model, way);
  return {
    params: conv4FromArrays(arrays, shape),
    rates: rateArrays ? conv4FromArrays(rateArrays, shape) : null,
  };
}

export interface ScoreOptions {
  /** Adaptation step counts to score after (0 allowed). */
  steps: number[];
  alpha: number;
  adapt: 'all' | 'head';
  nil?: boolean;
  /** Adapt with the model's learned per-parameter rates (Meta-SGD) instead of `alpha`. */
  learned?: boolean;
  /** Per-task query cross-entropy instead of accuracy (not with `nil`). */
  metric?: 'accuracy' | 'loss';
}

/**
 * Per-task query accuracy of a trained network on `episodes` after each of `steps` adaptation steps
 * with rate `alpha` (0 steps allowed), or, with `nil`, of cosine similarity between query and
 * support embeddings (no head, no adaptation). A head of another way than the episodes' is
 * replaced by a zero head of the episodes' way (so a 5-way network can be scored 20-way: after one
 * step a zero head scores each class by the query's feature product with its support image).
 */
export async function scoreConv4(
  model: TrainedConv4,
  data: OmniglotData,
  episodes: readonly Episode[],
  opts: ScoreOptions,
  checkpoint: (now?: boolean) => Promise<void>,
  onDone: (n: number) => void = () => {},
): Promise<number[][]> {
  const way = episodes[0].way;
  if (kernelScoreApplies(model.shape, opts)) {
    const { arrays, shape } = arraysForWay(model, way);
    return scoreOnKernel(arrays, shape, data, episodes, opts, checkpoint, onDone);
  }
  const { params, rates: learnedRates } = modelForWay(model, way);
  const rates = opts.learned ? learnedRates : null;
  if (!opts.learned && learnedRates) tf.dispose(learnedRates);
  const maxSteps = Math.max(0, ...opts.steps);
  const perStep: number[][] = opts.steps.map(() => []);
  const images = episodes[0].support.length + episodes[0].query.length;
  const chunk = chunkFor(model.shape.filters, images);
  const adapt = opts.adapt === 'head' ? headIndices() : undefined;
  try {
    for (let k = 0; k < episodes.length; k += chunk) {
      const part = episodes.slice(k, k + chunk);
      const b = episodeTensors(data, part);
      const accs = tf.tidy(() => {
        const out: tf.Tensor1D[] = [];
        if (opts.nil) {
          const theta = perTask(params, part.length);
          const fs = conv4Features(theta, b.xs); // [T, N, F] (1 shot: one image per class)
          const fq = conv4Features(theta, b.xq);
          const norm = (f: tf.Tensor3D) => tf.div(f, tf.add(tf.norm(f, 2, 2, true), 1e-12));
          const cos = tf.matMul(norm(fq), norm(fs), false, true) as tf.Tensor3D; // [T, Q, N]
          // support images are class-major with one per class at shot 1: column = label
          for (let i = 0; i < opts.steps.length; i++) out.push(accuracy(cos, b.labels));
          return out;
        }
        let theta = perTask(params, part.length);
        for (let step = 0; step <= maxSteps; step++) {
          opts.steps.forEach((s, i) => {
            if (s !== step) return;
            const logits = conv4Logits(theta, b.xq);
            out[i] =
              opts.metric === 'loss' ? crossEntropy(logits, b.yq) : accuracy(logits, b.labels);
          });
          if (step < maxSteps)
            theta = adaptConv4(theta, b.xs, b.ys, rates ?? opts.alpha, {
              steps: 1,
              firstOrder: true,
              adapt,
            });
        }
        return out;
      });
      const host = await Promise.all(accs.map((a) => a.data()));
      host.forEach((h, i) => perStep[i].push(...Array.from(h)));
      tf.dispose([accs, b.xs, b.ys, b.xq, b.yq, b.labels]);
      onDone(Math.min(episodes.length, k + chunk));
      await checkpoint();
    }
    return perStep;
  } finally {
    tf.dispose(params);
    if (rates) tf.dispose(rates);
  }
}

/** 5-way test-set accuracies (per test step) and 20-way official-run accuracy of a model. */
export async function scoreArm(
  model: TrainedConv4,
  data: OmniglotData,
  s: OgTrainSetting,
  method: { adapt: 'all' | 'head'; nil?: boolean; learned?: boolean },
  checkpoint: (now?: boolean) => Promise<void>,
  onDone: (done: number, total: number) => void,
): Promise<OgScore> {
  const tasks = evaluationTasks(data.index, s.evalTasks);
  const runs = officialRuns(data.index);
  const total = tasks.length + runs.length;
  const opts = { steps: s.testSteps, alpha: s.alphaR, ...method };
  const five = await scoreConv4(model, data, tasks, opts, checkpoint, (n) => onDone(n, total));
  const maxSteps = Math.max(...s.testSteps);
  const twenty = await scoreConv4(
    model,
    data,
    runs,
    { ...opts, steps: [maxSteps] },
    checkpoint,
    (n) => onDone(tasks.length + n, total),
  );
  return {
    fiveWay: s.testSteps.map((steps, i) => ({ steps, acc: meanCi(five[i]) })),
    twentyWay: meanCi(twenty[0]),
    scoredBy: kernelScoreApplies(model.shape, opts)
      ? 'wasm Conv4 kernel'
      : `tfjs (${tf.getBackend()})`,
  };
}
