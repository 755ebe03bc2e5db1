/**
 * Sinusoid regression tasks (paper §5.2; theory.md §2): y = A·sin(x − φ), A ~ U[0.1, 5],
 * φ ~ U[0, π], x ~ U[−5, 5]; each task has a support set (inner step) and a query set (outer loss).
 * Drawn on the host from the seeded generator, so every grid cell and any single-model rerun sees
 * exactly the same tasks in the same order.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';
import type { MamlData } from '../nn/maml';
import { sampleSinusoidTasks, type TaskBatch } from '../../core/metaSgd/metaTaskSamplers';

/** One meta-batch of sinusoid tasks (the same sampler as the Meta-SGD view). */
export type SinusoidBatch = TaskBatch;

export function drawSinusoidBatch(
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
): SinusoidBatch {
  return sampleSinusoidTasks(rng, tasks, support, query);
}

/** Uploads a batch as MamlData tensors [T, N, 1] (shared by all models). */
export function batchTensors(b: SinusoidBatch): MamlData {
  return {
    xs: tf.tensor3d(b.xs, [b.tasks, b.support, 1]),
    ys: tf.tensor3d(b.ys, [b.tasks, b.support, 1]),
    xq: tf.tensor3d(b.xq, [b.tasks, b.query, 1]),
    yq: tf.tensor3d(b.yq, [b.tasks, b.query, 1]),
  };
}

export function disposeData(d: MamlData): void {
  tf.dispose([d.xs, d.ys, d.xq, d.yq]);
}
