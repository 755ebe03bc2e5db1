import * as tf from '@tensorflow/tfjs-core';
import { NormalStream, zigguratTables } from '../../core/sim/normalStream';

/**
 * The inputs of a program that replays runs' NormalStreams (NORMAL_STREAM_WGSL): Seeds [runs·4]
 * (the sfc32 state of stream `base + run` of the link's seed, for runs [run0, run0 + runs)), and the
 * ziggurat tables KTab (int32), WTab, FTab [128].
 */
export function streamInputs(seed: number, base: number, run0: number, runs: number): tf.Tensor[] {
  const seeds = new Int32Array(runs * 4);
  for (let r = 0; r < runs; r++) seeds.set(new NormalStream(seed, base + run0 + r).state(), r * 4);
  const z = zigguratTables();
  return [
    tf.tensor1d(seeds, 'int32'),
    tf.tensor1d(Int32Array.from(z.k), 'int32'),
    tf.tensor1d(Float32Array.from(z.w)),
    tf.tensor1d(Float32Array.from(z.f)),
  ];
}
