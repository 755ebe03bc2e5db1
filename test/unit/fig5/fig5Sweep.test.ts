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
import '../../../src/compute/kernels/nodeRelaxedSimd';
import { trainAndScoreModelsOnKernel } from '../../../src/compute/fig5/fig5Kernel';
import { fig5Result } from '../../../src/compute/fig5/fig5Sweep';
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
    const r = await runFig5Sweep(
      { setting: st, curvePoints: 10 },
      directContext((p) => seen.push(p)),
    );
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

describe('Fig. 5 on the wasm MAML kernel', () => {
  for (const firstOrder of [false, true])
    test(`equals the batched tfjs-autodiff reference per run (${firstOrder ? 'first' : 'exact second'} order)`, async () => {
      const st = { ...small, epochs: 30, firstOrder, nv: 3 };
      const outs = await trainAndScoreModelsOnKernel(st, runMajorOrder(st), noHooks);
      const ours = fig5Result(st, outs, { backend: 'kernel', shards: 1, seconds: 0 });
      const ref = await runFig5Reference(st);
      ours.perRun.flat().forEach((v, i) => expect(v).toBeCloseTo(ref.perRun.flat()[i], 4));
      ours.finalTrainLoss.forEach((v, a) => expect(v).toBeCloseTo(ref.finalTrainLoss[a], 4));
    });

  test('at width 400 with 2 query points (the paper’s network), it follows the tfjs engine', async () => {
    const st = { ...FIG5_PAPER, epochs: 5, alphas: [-0.0075], runs: 1, testTasks: 4 };
    const kernel = await trainAndScoreModelsOnKernel(st, [0], noHooks, { curvePoints: 5 });
    const tfjs = await trainAndScoreModels(st, [0], noHooks, { curvePoints: 5 });
    kernel[0].curve.forEach((v, i) => expect(v).toBeCloseTo(tfjs[0].curve[i], 3));
    expect(kernel[0].testLoss).toBeCloseTo(tfjs[0].testLoss, 3);
  }, 60_000);

  test('two Node worker threads give the one-thread kernel sweep, number for number', async () => {
    const { runFig5SweepSharded } = await import('../../../src/compute/fig5/nodeShards');
    const st = { ...small, epochs: 10 };
    const sharded = await runFig5SweepSharded({ setting: st }, directContext(), { shards: 2 });
    const outs = await trainAndScoreModelsOnKernel(st, runMajorOrder(st), noHooks);
    const one = fig5Result(st, outs, { backend: 'kernel', shards: 1, seconds: 0 });
    expect(sharded.engine).toMatch(/^wasm MAML kernel \((relaxed-)?simd\)$/);
    expect(sharded.perRun).toEqual(one.perRun);
    expect(sharded.curve).toEqual(one.curve);
  }, 60_000);
});

describe('Fig. 5 on Node worker threads (the CLI)', () => {
  test('two worker threads give the one-thread sweep, number for number', async () => {
    const { runFig5SweepSharded } = await import('../../../src/compute/fig5/nodeShards');
    const st = { ...small, epochs: 10 };
    const seen: Fig5Progress[] = [];
    const sharded = await runFig5SweepSharded(
      { setting: st },
      directContext((p) => seen.push(p)),
      { shards: 2, backend: 'cpu' },
    );
    const one = await runFig5Sweep({ setting: st }, directContext());
    expect(sharded.shards).toBe(2);
    expect(sharded.perRun).toEqual(one.perRun);
    expect(sharded.curve).toEqual(one.curve);
    expect(seen.at(-1)).toMatchObject({ modelsDone: 4, shards: 2 });
  }, 60_000);

  test('cancel stops every worker thread', async () => {
    const { runFig5SweepSharded } = await import('../../../src/compute/fig5/nodeShards');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 3000);
    const run = runFig5SweepSharded(
      { setting: { ...small, epochs: 1e7 } },
      directContext(() => {}, ctl.signal),
      { shards: 2, backend: 'cpu' },
    );
    await expect(run).rejects.toBeInstanceOf(JobAbortedError);
  }, 60_000);
});
