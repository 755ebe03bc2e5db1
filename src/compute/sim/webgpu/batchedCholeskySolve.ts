import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BatchedCholeskySolveProgram, F32_PIVOT_TOL } from './batchedCholeskySolveProgram';

/**
 * Solves A(α) x = b(α) for every run and every α in one dispatch (WebGPU backend only).
 * A: [runs, 3, n, n], B: [runs, 3, n]. Returns [runs·nAlpha, n·n + n + 1] (see the program).
 */
export function batchedCholeskySolve(
  A: tf.Tensor4D,
  B: tf.Tensor3D,
  alphas: number[],
): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebGPUBackend;
  if (tf.getBackend() !== 'webgpu')
    throw new Error('batchedCholeskySolve needs the webgpu backend');
  const [runs, , n] = A.shape;
  const al = tf.tensor1d(alphas, 'float32');
  const program = new BatchedCholeskySolveProgram(runs, alphas.length, n);
  const uniforms = [
    { type: 'int32', data: [runs * alphas.length] },
    { type: 'int32', data: [n] },
    { type: 'int32', data: [alphas.length] },
    { type: 'float32', data: [F32_PIVOT_TOL] },
  ];
  const info = backend.runWebGPUProgram(program, [A, B, al], 'float32', uniforms);
  al.dispose();
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}
