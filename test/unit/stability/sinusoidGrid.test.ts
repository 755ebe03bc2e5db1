import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { directContext } from '../../../src/core/jobs/context';
import { sinusoidGridTfjsRunner as sinusoidGridRunner } from '../../../src/compute/stability/sinusoidGridTfjs';
import { gridVsSingleCells, smallJob } from './sinusoidParity';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('sinusoid grid, tfjs engine (CPU backend)', () => {
  test('batched grid equals each sampled cell trained alone; huge β diverges; no leaks', async () => {
    const before = tf.memory().numTensors;
    const r = await gridVsSingleCells(smallJob, [
      [0, 1],
      [1, 0],
      [1, 2],
    ]);
    expect(typeof r === 'object' && r.worst).toBeLessThan(1e-4);
    if (typeof r !== 'object') return;
    const g = r.grid;
    expect(g.curveIterations).toEqual([0, 4, 8, 12]);
    expect(g.diverged[0][2] && g.diverged[1][2]).toBe(true); // β = 80
    expect(g.diverged[0][0] || g.diverged[1][0]).toBe(false); // β = 0.002
    expect(g.loss[0][2]).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('first order differs from second order; partials stream; cancel stops the job', async () => {
    const partials: number[] = [];
    const so = await sinusoidGridRunner(
      smallJob,
      directContext((p) => partials.push(p.iteration)),
    );
    expect(partials).toEqual([0, 4, 8, 12]);
    const fo = await sinusoidGridRunner({ ...smallJob, variant: 'first-order' }, directContext());
    expect(fo.curves[1][1][3]).not.toBeCloseTo(so.curves[1][1][3] as number, 6);
    const ctrl = new AbortController();
    const before = tf.memory().numTensors;
    const run = sinusoidGridRunner(
      { ...smallJob, iterations: 1000 },
      directContext((p) => p.iteration >= 4 && ctrl.abort(), ctrl.signal),
    );
    await expect(run).rejects.toThrow(/cancel/);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('SGD noise briefly above the start does not flag a stable cell (measured case)', async () => {
    const r = await sinusoidGridRunner(
      {
        alpha: [0.0075],
        beta: [0.029],
        iterations: 100,
        tasks: 1,
        variant: 'second-order',
        half: false,
        seed: 1,
        sizes: [1, 40, 40, 1],
        points: 10,
        evalTasks: 5,
        evalPoints: 20,
        reportEvery: 10,
      },
      directContext(),
    );
    const curve = r.curves[0][0] as number[];
    expect(r.diverged[0][0]).toBe(false);
    expect(curve[curve.length - 1]).toBeLessThan(curve[0]); // it does learn
  });
});
