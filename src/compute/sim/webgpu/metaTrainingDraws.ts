import * as tf from '@tensorflow/tfjs-core';
import { TRAIN_STREAM } from '../../../core/sim/draws';
import type { SimParams } from '../../../core/sim/types';
import { MetaTrainingDrawProgram, taskLength } from './metaTrainingDrawProgram';
import { runStreamProgram } from './runStreamProgram';

/**
 * The isotropic meta-training draws of runs [run0, run0 + runs) generated on the GPU (WebGPU
 * backend): X_t [runs·m, n_t, p], y_t [runs·m, n_t, 1], X_v [runs·m, n_v, p], y_v [runs·m, n_v, 1].
 */
export function drawMetaTrainingOnGpu(pr: SimParams, run0: number, runs: number) {
  const { p, m, nt, nv } = pr;
  const raw = runStreamProgram(
    new MetaTrainingDrawProgram(runs, pr),
    { seed: pr.seed, base: TRAIN_STREAM, run0, runs },
    [
      { type: 'int32', data: [runs] },
      { type: 'int32', data: [p] },
      { type: 'int32', data: [m] },
      { type: 'int32', data: [nt] },
      { type: 'int32', data: [nv] },
      { type: 'float32', data: [pr.w0] },
      { type: 'float32', data: [pr.nu / Math.sqrt(p)] },
      { type: 'float32', data: [pr.sigma] },
    ],
  ) as tf.Tensor2D;
  return tf.tidy(() => {
    const tasks = tf.reshape(raw, [runs * m, taskLength(pr)]);
    const part = (start: number, rows: number, cols: number) =>
      tf.reshape(tf.slice(tasks, [0, start], [runs * m, rows * cols]), [
        runs * m,
        rows,
        cols,
      ]) as tf.Tensor3D;
    raw.dispose();
    return {
      xt: part(p, nt, p),
      yt: part(p + nt * p, nt, 1),
      xv: part(p + nt * p + nt, nv, p),
      yv: part(p + nt * p + nt + nv * p, nv, 1),
    };
  });
}
