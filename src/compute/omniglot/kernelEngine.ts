/**
 * Which engine meta-trains a Conv4 (trainConv4 in train.ts): the wasm Conv4 MAML kernel
 * (kernels/mamlConv4.ts) where it computes exactly what the tfjs engine would — MAML (every
 * parameter adapted, one scalar rate) with at most one inner step, first or exact second order,
 * Adam outside, on a CPU backend (wasm or cpu) with WebAssembly SIMD, filters a multiple of 4 — and
 * tfjs (conv4.ts) otherwise: ANIL, Meta-SGD, several inner steps, plain SGD outside, and GPUs
 * (webgpu, webgl), where tfjs runs on the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MamlConv4Kernel } from '../kernels/mamlConv4Kernel';
import type { OmniglotData } from '../../core/omniglot/format';
import type { OgTrainSetting } from '../../core/omniglot/training';
import { IMAGE_SIZE } from '../../core/omniglot/preprocess';
import type { Episode } from '../../core/omniglot/tasks';
import { episodeArrays } from './episodes';
import { firstGroupSize, GroupThread, groupedMetaGradient } from './kernelGroups';
import type { ShardPool } from '../shards/shardPool';

/** One engine's meta-training: a step per meta-batch (θ updated; returns the meta-loss). */
export interface Conv4Trainer {
  name: string;
  step(episodes: readonly Episode[]): Promise<number>;
  result(): Promise<{ params: Float32Array[]; rates?: Float32Array[] }>;
  dispose(): void;
}

export interface KernelMethod {
  adapt: 'all' | 'head';
  alphaT: number;
  learnRates?: boolean;
  /** Inner steps while meta-training (0: αt = 0, no adaptation). */
  steps: number;
}

/** Whether the kernel computes this training (see the header). */
export function kernelApplies(s: OgTrainSetting, m: KernelMethod): boolean {
  const cpu = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
  const maml = m.adapt === 'all' && !m.learnRates && m.steps <= 1;
  const shape = { filters: s.filters, way: s.way, imageSize: IMAGE_SIZE };
  return cpu && maml && s.optimizer !== 'sgd' && MamlConv4Kernel.supports(shape);
}

/**
 * The kernel as a Conv4Trainer, or null where the tfjs engine must run. θ and Adam's moments stay
 * in kernel memory for the whole training: per iteration only the episodes' images go in. Each
 * meta-batch is two fixed groups of tasks (kernelGroups.ts); with a pool of ≥ 2 threads the second
 * group runs on a thread of its own, with the same numbers.
 */
export async function kernelTrainer(
  s: OgTrainSetting,
  m: KernelMethod,
  init: Float32Array[],
  data: OmniglotData,
  threads?: ShardPool,
): Promise<Conv4Trainer | null> {
  if (!kernelApplies(s, m)) return null;
  const shape = { filters: s.filters, way: s.way, imageSize: IMAGE_SIZE };
  const maxQuery = s.way * s.queries;
  const kernel = await MamlConv4Kernel.create(shape, s.way, maxQuery);
  kernel.setParams(init);
  const alpha = m.steps === 0 ? 0 : m.alphaT;
  const split = firstGroupSize(s.metaBatch);
  const peer =
    threads && threads.size > 1 && split < s.metaBatch
      ? new GroupThread(threads, { shape, maxSupport: s.way, maxQuery, build: kernel.build })
      : undefined;
  return {
    // "× 2 threads" once the peer has taken a group; the numbers are the same without it
    get name() {
      return peer && peer.served > 0 ? `${kernel.engineName} × 2 threads` : kernel.engineName;
    },
    async step(episodes) {
      const a = episodeArrays(data, episodes.slice(0, split));
      const b = split < episodes.length ? episodeArrays(data, episodes.slice(split)) : null;
      const loss = await groupedMetaGradient(kernel, alpha, a, b, !s.firstOrder, peer);
      kernel.adamStep(s.outerLr);
      return loss;
    },
    async result() {
      return { params: kernel.params(init) };
    },
    dispose() {
      peer?.stop();
    },
  };
}
