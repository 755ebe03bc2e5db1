import type { Fig5Result } from '../../../src/core/fig5/types';
import { expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import '../../../src/compute/nn/gradientsBrowser';
import { directContext } from '../../../src/core/jobs/context';
import { runFig5Sweep } from '../../../src/compute/fig5/fig5Sweep';
import { FIG5_PAPER, type Fig5Setting } from '../../../src/core/fig5/quadraticRegression';

/** Tiny: SwiftShader emulates the GPU on the CPU (correctness here, speed only on a real GPU). */
const tiny: Fig5Setting = {
  ...FIG5_PAPER,
  p: 5,
  width: 6,
  epochs: 4,
  outerLr: 0.01,
  alphas: [-0.1, 0.1],
  runs: 2,
  testTasks: 6,
  testPoints: 5,
};

async function sweepOn(backend: string): Promise<Fig5Result> {
  tf.env().set('WEBGPU_CPU_FORWARD', false); // small tensors must still take the GPU path
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe(backend);
  const before = tf.memory().numTensors;
  const r = await runFig5Sweep({ setting: tiny }, directContext());
  expect(tf.memory().numTensors).toBe(before);
  return r;
}

test('Fig. 5 sweep (exact second-order MAML, 2-D engine) on WebGPU equals the CPU backend', async () => {
  const gpu = await sweepOn('webgpu');
  const cpu = await sweepOn('cpu');
  gpu.perRun.flat().forEach((v, i) => {
    const c = cpu.perRun.flat()[i];
    expect(Math.abs(v - c) / c).toBeLessThan(1e-3);
  });
});
