/**
 * Conv4's shapes and meta-parameters (see conv4.ts for the network): the parameter list
 * [W1, γ1, β1, …, W4, γ4, β4, Wh, bh] with W_l [9·C_in, C_out], γ/β [1, C_out], Wh [4·C, N],
 * bh [1, N], its Glorot-uniform initialization, and the arrays as tensors, per task.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../core/rng';

export const CONV_BLOCKS = 4;
export const BN_EPS = 1e-5;

export interface Conv4Shape {
  filters: number;
  way: number;
  /** Input side (28 for the shipped Omniglot images). */
  imageSize: number;
}

/** Side of a block's output: ⌊(S + 2 − 3)/2⌋ + 1. */
export const convOut = (s: number) => Math.floor((s - 1) / 2) + 1;

/** Feature count the head sees (flattened last block). */
export function featureSize(shape: Conv4Shape): number {
  let s = shape.imageSize;
  for (let l = 0; l < CONV_BLOCKS; l++) s = convOut(s);
  return s * s * shape.filters;
}

/** Shapes of the meta-parameters, in list order. */
export function conv4ParamShapes(shape: Conv4Shape): [number, number][] {
  const out: [number, number][] = [];
  let cin = 1;
  for (let l = 0; l < CONV_BLOCKS; l++) {
    out.push([9 * cin, shape.filters], [1, shape.filters], [1, shape.filters]);
    cin = shape.filters;
  }
  out.push([featureSize(shape), shape.way], [1, shape.way]);
  return out;
}

/** Layer names per parameter ('conv1' … 'conv4', 'head') and kinds. */
export function conv4ParamInfo(shape: Conv4Shape) {
  return conv4ParamShapes(shape).map((s, i) => {
    const layer = i < 3 * CONV_BLOCKS ? `conv${Math.floor(i / 3) + 1}` : 'head';
    const kind =
      i < 3 * CONV_BLOCKS
        ? (['weight', 'gamma', 'beta'] as const)[i % 3]
        : i % 2
          ? 'bias'
          : 'weight';
    return { layer, kind, shape: s };
  });
}

/** Indices of the head's parameters (ANIL adapts only these). */
export const headIndices = () => [3 * CONV_BLOCKS, 3 * CONV_BLOCKS + 1];

/** Glorot-uniform weights, γ = 1, β = 0, bias 0; drawn on the host from `rng`. */
export function initConv4Arrays(shape: Conv4Shape, rng: Rng): Float32Array[] {
  return conv4ParamInfo(shape).map(({ kind, shape: [a, b] }, i) => {
    const out = new Float32Array(a * b);
    if (kind === 'gamma') out.fill(1);
    if (kind !== 'weight') return out;
    // conv: fan_in = 9·C_in = a, fan_out = 9·C_out; head: fan_in = a, fan_out = b
    const fanOut = i < 3 * CONV_BLOCKS ? 9 * b : b;
    const limit = Math.sqrt(6 / (a + fanOut));
    for (let k = 0; k < out.length; k++) out[k] = (2 * rng.uniform() - 1) * limit;
    return out;
  });
}

export const conv4FromArrays = (
  arrays: readonly Float32Array[],
  shape: Conv4Shape,
): tf.Tensor2D[] => conv4ParamShapes(shape).map((s, i) => tf.tensor2d(arrays[i], s));

/** Meta-parameters [a, b] → per-task copies [T, a, b] (the outer gradient sums back over T). */
export const perTask = (params: readonly tf.Tensor[], tasks: number): tf.Tensor3D[] =>
  params.map((p) => {
    const [a, b] = p.shape.length === 3 ? p.shape.slice(1) : p.shape;
    const p3 = tf.reshape(p, [1, a, b]);
    return (tasks === 1 ? p3 : tf.tile(p3, [tasks, 1, 1])) as tf.Tensor3D;
  });
