/** A list of Omniglot episodes (all of one way and one size) as arrays, and as tfjs tensors. */
import * as tf from '@tensorflow/tfjs-core';
import type { OmniglotData } from '../../core/omniglot/format';
import { imagesAsFloat } from '../../core/omniglot/images';
import { IMAGE_SIZE } from '../../core/omniglot/preprocess';
import type { Episode } from '../../core/omniglot/tasks';
import type { Conv4Batch } from '../kernels/mamlConv4Kernel';
import type { EpisodeTensors } from './conv4';

/**
 * Images [T × M × S × S] (ink = 1), one-hot labels [T × M × way] of support and query, and the
 * query labels [T × Mq].
 */
export function episodeArrays(
  data: OmniglotData,
  episodes: readonly Episode[],
): Conv4Batch & { way: number; labels: Int32Array } {
  const t = episodes.length;
  const way = episodes[0].way;
  const ms = episodes[0].support.length;
  const mq = episodes[0].query.length;
  const onehot = (n: number, pick: (e: Episode) => { label: number }[]) => {
    const a = new Float32Array(t * n * way);
    episodes.forEach((e, k) => pick(e).forEach((im, i) => (a[(k * n + i) * way + im.label] = 1)));
    return a;
  };
  const images = (pick: (e: Episode) => { image: number; rotation: 0 | 1 | 2 | 3 }[]) =>
    imagesAsFloat(data, episodes.flatMap(pick));
  return {
    tasks: t,
    support: ms,
    query: mq,
    way,
    xs: images((e) => e.support),
    ys: onehot(ms, (e) => e.support),
    xq: images((e) => e.query),
    yq: onehot(mq, (e) => e.query),
    labels: Int32Array.from(episodes.flatMap((e) => e.query.map((q) => q.label))),
  };
}

/** The same as tensors: [T, M, S, S, 1] images, [T, M, way] one-hot, [T, Mq] int32 labels. */
export function episodeTensors(data: OmniglotData, episodes: readonly Episode[]) {
  const a = episodeArrays(data, episodes);
  const s = IMAGE_SIZE;
  const tensors: EpisodeTensors = {
    xs: tf.tensor(a.xs, [a.tasks, a.support, s, s, 1]),
    ys: tf.tensor3d(a.ys, [a.tasks, a.support, a.way]),
    xq: tf.tensor(a.xq, [a.tasks, a.query, s, s, 1]),
    yq: tf.tensor3d(a.yq, [a.tasks, a.query, a.way]),
  };
  return { ...tensors, labels: tf.tensor2d(a.labels, [a.tasks, a.query], 'int32') };
}
