import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { TRAIN_STREAM } from '../../core/sim/draws';
import { NormalStream, ZIGGURAT_TAIL, zigguratTables } from '../../core/sim/normalStream';
import type { SimParams } from '../../core/sim/types';
import { MetaTrainingDrawProgram, taskLength } from './metaTrainingDrawProgram';

/**
 * The isotropic meta-training draws of runs [run0, run0 + runs) generated on the GPU (WebGPU
 * backend): X_t [runs·m, n_t, p], y_t [runs·m, n_t, 1], X_v [runs·m, n_v, p], y_v [runs·m, n_v, 1].
 */
export function drawMetaTrainingOnGpu(pr: SimParams, run0: number, runs: number) {
  if (tf.getBackend() !== 'webgpu')
    throw new Error('drawMetaTrainingOnGpu needs the webgpu backend');
  const backend = tf.backend() as unknown as WebGPUBackend;
  const { p, m, nt, nv } = pr;
  const seeds = new Int32Array(runs * 4);
  for (let r = 0; r < runs; r++)
    seeds.set(new NormalStream(pr.seed, TRAIN_STREAM + run0 + r).state(), r * 4);
  const z = zigguratTables();
  const inputs = [
    tf.tensor1d(seeds, 'int32'),
    tf.tensor1d(Int32Array.from(z.k), 'int32'),
    tf.tensor1d(Float32Array.from(z.w)),
    tf.tensor1d(Float32Array.from(z.f)),
  ];
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
