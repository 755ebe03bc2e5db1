import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { NormalStream, ZIGGURAT_TAIL, zigguratTables } from '../../../core/sim/normalStream';

/**
 * Runs a program that replays runs' NormalStreams (NORMAL_STREAM_WGSL) on the WebGPU backend, one
 * invocation per run, and returns its output. Its inputs: Seeds [runs·4] (the sfc32 state of stream
 * `base + run` of the link's seed, for runs [run0, run0 + runs)) and the ziggurat tables KTab
 * (int32), WTab, FTab [128]; its uniforms: `uniforms`, then the ziggurat's tail.
 */
export function runStreamProgram(
  program: WebGPUProgram,
  s: { seed: number; base: number; run0: number; runs: number },
  uniforms: { type: 'int32' | 'float32'; data: number[] }[],
): tf.Tensor {
  if (tf.getBackend() !== 'webgpu')
    throw new Error(`${program.shaderKey} needs the webgpu backend`);
  const seeds = new Int32Array(s.runs * 4);
  for (let r = 0; r < s.runs; r++)
    seeds.set(new NormalStream(s.seed, s.base + s.run0 + r).state(), r * 4);
  const z = zigguratTables();
  const inputs = [
    tf.tensor1d(seeds, 'int32'),
    tf.tensor1d(Int32Array.from(z.k), 'int32'),
    tf.tensor1d(Float32Array.from(z.w)),
    tf.tensor1d(Float32Array.from(z.f)),
  ];
  const backend = tf.backend() as unknown as WebGPUBackend;
  try {
    const info = backend.runWebGPUProgram(program, inputs, 'float32', [
      ...uniforms,
      { type: 'float32', data: [ZIGGURAT_TAIL] },
    ]);
    return tf.engine().makeTensorFromTensorInfo(info);
  } finally {
    tf.dispose(inputs);
  }
}
