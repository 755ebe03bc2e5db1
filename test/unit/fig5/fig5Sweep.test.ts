import type { Fig5Progress } from '../../../src/core/fig5/types';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { directContext, JobAbortedError } from '../../../src/core/jobs/context';
import { runFig5Sweep } from '../../../src/compute/fig5/fig5Sweep';
import { FIG5_PAPER, type Fig5Setting } from '../../../src/core/fig5/quadraticRegression';

const small: Fig5Setting = {
  ...FIG5_PAPER,
  p: 6,
  width: 8,
  epochs: 6,
  outerLr: 0.01,
  alphas: [-0.05, 0.05],
  runs: 2,
  testTasks: 7,
  testPoints: 5,
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('Fig. 5 sweep as one batched model stack', () => {
  test('batching is exact: an αt trained beside others equals it trained alone', async () => {
    const both = await runFig5Sweep({ setting: small, testChunkFloats: 300 }, directContext());
    const alone = await runFig5Sweep({ setting: { ...small, alphas: [0.05] } }, directContext());
    // Same draws per run (common random numbers), same arithmetic per model.
    both.perRun[1].forEach((v, r) => expect(v).toBeCloseTo(alone.perRun[0][r], 4));
    expect(both.meanTestLoss[1]).toBeCloseTo(alone.meanTestLoss[0], 4);
    // A memory bound that forces one αt per batch gives the same sweep, in two groups.
    const groups: number[] = [];
    const split = await runFig5Sweep(
      { setting: small, trainCopyFloats: 1 },
      directContext((p) => groups.push(p.groups)),
    );
    expect(new Set(groups)).toEqual(new Set([2]));
    split.perRun.flat().forEach((v, i) => expect(v).toBeCloseTo(both.perRun.flat()[i], 4));
  });

  test('training lowers the meta-training loss; progress streams; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const seen: Fig5Progress[] = [];
    const r = await runFig5Sweep(
      { setting: { ...small, epochs: 40 }, chunkEpochs: 10 },
      directContext((p) => seen.push(p)),
    );
    const train = seen.filter((p) => p.phase === 'train');
    expect(train.map((p) => p.epoch)).toEqual([10, 20, 30, 40]);
    for (let a = 0; a < small.alphas.length; a++)
      expect(train[3].trainLoss[a]).toBeLessThan(train[0].trainLoss[a]);
    expect(seen[seen.length - 1]).toMatchObject({ phase: 'test', tested: small.testTasks });
    expect(r.stderr.every((s) => s > 0)).toBe(true);
    expect(r.alphas).toContain(r.bestAlpha);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('cancel stops the job and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const run = runFig5Sweep(
      { setting: { ...small, epochs: 1000 }, chunkEpochs: 2 },
      directContext((p) => p.epoch >= 4 && ctl.abort(), ctl.signal),
    );
    await expect(run).rejects.toBeInstanceOf(JobAbortedError);
    expect(tf.memory().numTensors).toBe(before);
    // … also while scoring test tasks.
    const ctl2 = new AbortController();
    const run2 = runFig5Sweep(
      { setting: small, testChunkFloats: 300 },
      directContext((p) => p.phase === 'test' && ctl2.abort(), ctl2.signal),
    );
    await expect(run2).rejects.toBeInstanceOf(JobAbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
