import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import '@tensorflow/tfjs-backend-webgpu';
import {
  batchedVsSingleDifference,
  metaGradientError,
  perParameterRateError,
} from '../../unit/nn/mlpParity';

// The same Float64 finite-difference parity as test/unit/stability, on each browser backend.
describe.each(['webgpu', 'cpu'])('batched MLP MAML on %s in Chromium', (backend) => {
  test('second-order, first-order and per-parameter-rate gradients; batched = single', async () => {
    tf.env().set('WEBGPU_CPU_FORWARD', false); // small tensors must still run on the GPU path
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
    expect(tf.getBackend()).toBe(backend);
    const before = tf.memory().numTensors;
    expect(await metaGradientError(false, false)).toBeLessThan(2e-3);
    expect(await metaGradientError(true, true)).toBeLessThan(2e-3);
    expect(await perParameterRateError()).toBeLessThan(2e-3);
    expect(await batchedVsSingleDifference()).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
