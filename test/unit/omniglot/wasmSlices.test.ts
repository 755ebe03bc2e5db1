/** The wasm Slice / Unpack / SplitV replacements (src/compute/backend/wasmSliceKernels.ts) = tfjs cpu. */
import { beforeAll, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../../src/compute/backend/node';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const on = async <T>(backend: string, f: () => T): Promise<T> => {
  await tf.setBackend(backend);
  return f();
};

test('slices of rank 1–5, contiguous or not, unstack and split: bit-identical to the cpu backend', async () => {
  const shape = [3, 4, 5, 2, 3];
  const values = Array.from({ length: 360 }, (_, i) => Math.sin(i) * 10);
  const cases: [number[], number[]][] = [
    [
      [0, 0, 0, 0, 0],
      [3, 4, 5, 2, 3],
    ],
    [
      [1, 0, 0, 0, 0],
      [2, 4, 5, 2, 3],
    ],
    [
      [0, 1, 2, 0, 1],
      [3, 2, 3, 2, 2],
    ],
    [
      [2, 3, 4, 1, 2],
      [1, 1, 1, 1, 1],
    ],
    [
      [0, 0, 1, 0, 0],
      [3, -1, 2, -1, -1],
    ],
  ];
  const run = () => {
    const x = tf.tensor(values, shape);
    const out: number[][] = cases.map(([b, s]) => Array.from(tf.slice(x, b, s).dataSync()));
    const x3 = tf.reshape(x, [12, 10, 3]);
    out.push(Array.from(tf.slice(x3, [2, 3, 1], [5, 4, 2]).dataSync()));
    for (const axis of [0, 1, 2])
      tf.unstack(x3, axis).forEach((t) => out.push(Array.from(t.dataSync())));
    tf.split(x3, [3, 7], 1).forEach((t) => out.push(Array.from(t.dataSync())));
    tf.split(tf.cast(x3, 'int32'), 3, 2).forEach((t) => out.push(Array.from(t.dataSync())));
    return out;
  };
  const wasm = await on('wasm', run);
  const cpu = await on('cpu', run);
  expect(wasm).toEqual(cpu);
});
