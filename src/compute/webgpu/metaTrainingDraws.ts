import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { TRAIN_STREAM } from '../../core/sim/draws';
import { ZIGGURAT_TAIL } from '../../core/sim/normalStream';
import type { SimParams } from '../../core/sim/types';
import { MetaTrainingDrawProgram, taskLength } from './metaTrainingDrawProgram';
import { streamInputs } from './streamInputs';

/**
 * The isotropic meta-training draws of runs [run0, run0 + runs) generated on the GPU (WebGPU
 * backend): X_t [runs·m, n_t, p], y_t [runs·m, n_t, 1], X_v [runs·m, n_v, p], y_v [runs·m, n_v, 1].
 */
export function drawMetaTrainingOnGpu(pr: SimParams, run0: number, runs: number) {
  if (tf.getBackend() !== 'webgpu')
    throw new Error('drawMetaTrainingOnGpu needs the webgpu backend');
  const backend = tf.backend() as unknown as WebGPUBackend;
  const { p, m, nt, nv } = pr;
  const inputs = streamInputs(pr.seed, TRAIN_STREAM, run0, runs);
  const uniforms = [
    { type: 'int32', data: [runs] },
    { type: 'int32', data: [p] },
    { type: 'int32', data: [m] },
    { type: 'int32', data: [nt] },
    { type: 'int32', data: [nv] },
    { type: 'float32', data: [pr.w0] },
    { type: 'float32', data: [pr.nu / Math.sqrt(p)] },
    { type: 'float32', data: [pr.sigma] },
    { type: 'float32', data: [ZIGGURAT_TAIL] },
  ];
  const info = backend.runWebGPUProgram(
    new MetaTrainingDrawProgram(runs, pr),
    inputs,
    'float32',
    uniforms,
  );
  tf.dispose(inputs);
  const raw = tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
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
