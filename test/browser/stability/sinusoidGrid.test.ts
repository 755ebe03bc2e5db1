import { expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import '../../../src/compute/nn/gradientsBrowser';
import { gridVsSingleCells, smallJob } from '../../unit/stability/sinusoidParity';

test('sinusoid grid on WebGPU: batched cells equal single-cell runs; huge β diverges', async () => {
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  expect(await tf.setBackend('webgpu')).toBe(true);
  expect(tf.getBackend()).toBe('webgpu');
  const before = tf.memory().numTensors;
  const job = { ...smallJob, iterations: 4, reportEvery: 2 };
  const r = await gridVsSingleCells(job, [
    [1, 0],
    [0, 2],
  ]);
  expect(typeof r === 'object' && r.worst).toBeLessThan(1e-3);
  if (typeof r === 'object') expect(r.grid.diverged[0][2]).toBe(true);
  expect(tf.memory().numTensors).toBe(before);
});
