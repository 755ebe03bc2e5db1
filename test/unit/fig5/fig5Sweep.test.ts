import type { Fig5ModelOut } from '../../../src/compute/fig5/fig5Sweep';
import type { Fig5Progress } from '../../../src/core/fig5/types';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { directContext, JobAbortedError } from '../../../src/core/jobs/context';
import {
  curveEpochs,
  runFig5Sweep,
  runMajorOrder,
  trainAndScoreModels,
} from '../../../src/compute/fig5/fig5Sweep';
import { runFig5Reference } from '../../../src/compute/fig5/fig5Reference';
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

const noHooks = { checkpoint: async () => {}, training: () => {}, scored: () => {} };

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('Fig. 5 engine: one network at a time, 2-D products only', () => {
  for (const firstOrder of [false, true])
    test(`equals the batched tfjs-autodiff reference per run (${firstOrder ? 'first' : 'exact second'} order)`, async () => {
      const st = { ...small, epochs: 30, firstOrder };
      const ours = await runFig5Sweep({ setting: st, testChunk: 3 }, directContext());
      const ref = await runFig5Reference(st);
      ours.perRun.flat().forEach((v, i) => expect(v).toBeCloseTo(ref.perRun.flat()[i], 4));
      ours.finalTrainLoss.forEach((v, a) => expect(v).toBeCloseTo(ref.finalTrainLoss[a], 4));
    });

  test('sharding is exact: any subset of networks, in any order, gives the same numbers', async () => {
    const st = { ...small, epochs: 12 };
    const all = await trainAndScoreModels(st, runMajorOrder(st), noHooks, { testChunk: 2 });
    const byK = new Map(all.map((o) => [o.k, o]));
    // Two "shards" (every other network, reversed order, another test chunking).
    const order = runMajorOrder(st);
    const shards: Fig5ModelOut[] = [];
    for (const s of [1, 0]) {
      const mine = order.filter((_, i) => i % 2 === s).reverse();
      shards.push(...(await trainAndScoreModels(st, mine, noHooks, { testChunk: 7 })));
    }
    expect(shards.length).toBe(all.length);
    for (const o of shards) {
      expect(o.testLoss).toBeCloseTo(byK.get(o.k)!.testLoss, 5);
      expect(o.curve).toEqual(byK.get(o.k)!.curve);
    }
  });

  test('training lowers the meta-training loss; the curve is recorded; progress streams; no leaks', async () => {
    const before = tf.memory().numTensors;
    const seen: Fig5Progress[] = [];
    const st = { ...small, epochs: 40 };
    const r = await runFig5Sweep({ setting: st, curvePoints: 10 }, directContext((p) => seen.push(p)));
    expect(r.curve.epochs).toEqual(curveEpochs(40, 10));
    expect(r.curve.epochs[0]).toBe(0);
    expect(r.curve.epochs[r.curve.epochs.length - 1]).toBe(40);
    for (const c of r.curve.perAlpha) expect(c[c.length - 1]).toBeLessThan(c[0]);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ modelsDone: 4, models: 4 });
    expect(last.done).toBe(last.total);
    expect(last.perRun.flat().every((v) => v !== null)).toBe(true);
    expect(r.stderr.every((s) => s > 0)).toBe(true);
    expect(r.alphas).toContain(r.bestAlpha);
    expect(r.shards).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('cancel stops the job and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    let n = 0;
    const run = runFig5Sweep(
      { setting: { ...small, epochs: 1e6 } },
      directContext(() => ++n >= 2 && ctl.abort(), ctl.signal),
    );
    await expect(run).rejects.toBeInstanceOf(JobAbortedError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
