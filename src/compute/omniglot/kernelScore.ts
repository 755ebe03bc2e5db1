/**
 * Scoring on the wasm Conv4 kernel (kernels/mamlConv4.ts: sgdStep, predict), task by task, the
 * computation of scoreConv4's tfjs path (score.ts): from θ, first-order SGD steps with αr on every
 * parameter over the support set, the query accuracy after each requested step count (batch norm
 * on the query's own statistics, as in training) — or NIL's cosine similarity of query to support
 * embeddings (the one-shot prototypes of prototypeClassifier.ts). Used where it computes the same: a CPU backend, filters a multiple of 4, every
 * parameter adapted with one scalar rate (MAML, αt = 0, NIL), accuracy. ANIL (head only),
 * Meta-SGD (learned rates) and the α–β grid's loss metric keep the tfjs path.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OmniglotData } from '../../core/omniglot/format';
import type { Episode } from '../../core/omniglot/tasks';
import { prototypeAccuracy } from '../../core/probe/prototypeClassifier';
import { MamlConv4Kernel } from '../kernels/mamlConv4Kernel';
import type { Conv4Shape } from './conv4';
import { episodeArrays } from './episodes';
import type { ScoreOptions } from './score';

/** Whether the kernel scores this (see the header). */
export function kernelScoreApplies(shape: Conv4Shape, opts: ScoreOptions): boolean {
  const cpu = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
  const plain = opts.adapt === 'all' && !opts.learned && (opts.metric ?? 'accuracy') === 'accuracy';
  return cpu && plain && MamlConv4Kernel.supports(shape);
}

/** Index of the largest of n values from offset o (the first on ties, as tf.argMax). */
function argMax(v: Float32Array, o: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (v[o + j] > v[o + best]) best = j;
  return best;
}

/**
 * Per-task accuracies (one array per entry of opts.steps) of the network with parameter arrays
 * `params` (its head already of the episodes' way) on `episodes`.
 */
export async function scoreOnKernel(
  params: readonly Float32Array[],
  shape: Conv4Shape,
  data: OmniglotData,
  episodes: readonly Episode[],
  opts: ScoreOptions,
  checkpoint: (now?: boolean) => Promise<void>,
  onDone: (n: number) => void,
): Promise<number[][]> {
  const way = episodes[0].way;
  const ms = episodes[0].support.length;
  const mq = episodes[0].query.length;
  const kernel = await MamlConv4Kernel.create({ ...shape, way }, ms, Math.max(ms, mq));
  kernel.setParams(params);
  const maxSteps = Math.max(0, ...opts.steps);
  const perStep: number[][] = opts.steps.map(() => []);
  for (const [k, e] of episodes.entries()) {
    const a = episodeArrays(data, [e]);
    kernel.startAdaptation();
    if (opts.nil) {
      const fs = kernel.predict(a.xs, ms, true);
      const fq = kernel.predict(a.xq, mq, true);
      const acc = prototypeAccuracy(fs, fq, fs.length / ms, way, 1, mq / way, a.labels);
      perStep.forEach((p) => p.push(acc));
    } else {
      for (let step = 0; step <= maxSteps; step++) {
        opts.steps.forEach((s, i) => {
          if (s !== step) return;
          const logits = kernel.predict(a.xq, mq);
          let right = 0;
          a.labels.forEach((label, q) => (right += argMax(logits, q * way, way) === label ? 1 : 0));
          perStep[i].push(right / mq);
        });
        if (step < maxSteps) kernel.adaptStep(opts.alpha, a.xs, a.ys, ms);
      }
    }
    onDone(k + 1);
    await checkpoint();
  }
  return perStep;
}
