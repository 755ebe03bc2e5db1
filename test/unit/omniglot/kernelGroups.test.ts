/**
 * A meta-batch on the Conv4 kernel as two fixed groups of tasks (kernelGroups.ts): the groups'
 * weighted gradients add up to the whole batch's (to float32 rounding), and the sum is the same
 * bits whether the second group runs in this thread, on a pool's thread in this thread, or on a
 * real worker thread — so training gives identical numbers on one core and on two.
 */
import { beforeAll, expect, test } from 'vitest';
import { useNodeBackend } from '../../../src/compute/backend/node';
import '../../../src/compute/kernels/nodeRelaxedSimd';
import { createRng } from '../../../src/core/rng';
import { initConv4Arrays } from '../../../src/compute/omniglot/conv4';
import { MamlConv4Kernel, type Conv4Batch } from '../../../src/compute/kernels/mamlConv4Kernel';
import { randomBatch } from './randomBatch';
import {
  firstGroupSize,
  GroupThread,
  groupedMetaGradient,
} from '../../../src/compute/omniglot/kernelGroups';
import { inThreadPool } from '../../../src/compute/shards/shardPool';
import { nodeShardPool } from '../../../src/compute/shards/nodeShardPool';
import { trainConv4 } from '../../../src/compute/omniglot/train';
import { loadOmniglotNode } from '../../../src/compute/omniglot/nodeData';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import { ogSetting } from '../../../src/core/omniglot/training';

beforeAll(async () => {
  await useNodeBackend('wasm'); // where kernelEngine.ts lets the kernel train
});

const shape = { filters: 8, way: 5, imageSize: 28 };
const support = 5;
const query = 10;

const batch = (seed: number, tasks: number) => randomBatch(seed, shape, tasks, query / shape.way);

const concat = (a: Conv4Batch, b: Conv4Batch): Conv4Batch => {
  const cat = (x: Float32Array, y: Float32Array) => {
    const z = new Float32Array(x.length + y.length);
    z.set(x);
    z.set(y, x.length);
    return z;
  };
  return {
    tasks: a.tasks + b.tasks,
    support,
    query,
    xs: cat(a.xs, b.xs),
    ys: cat(a.ys, b.ys),
    xq: cat(a.xq, b.xq),
    yq: cat(a.yq, b.yq),
  };
};

test('two groups sum to the whole batch; a peer on a pool or a worker thread gives the same bits', async () => {
  expect(firstGroupSize(8)).toBe(4);
  expect(firstGroupSize(5)).toBe(3);
  expect(firstGroupSize(1)).toBe(1);
  const kernel = await MamlConv4Kernel.create(shape, support, query);
  kernel.setParams(initConv4Arrays(shape, createRng(3)));
  const a = batch(1, 3);
  const b = batch(2, 2);
  const wholeLoss = kernel.metaGradient(0.4, concat(a, b), true) / 5;
  const whole = kernel.gradientVector();
  const here = await groupedMetaGradient(kernel, 0.4, a, b, true);
  const grouped = kernel.gradientVector();
  expect(here).toBeCloseTo(wholeLoss, 5);
  let d = 0;
  let n = 0;
  whole.forEach((w, i) => ((d += (w - grouped[i]) ** 2), (n += w * w)));
  expect(Math.sqrt(d / n)).toBeLessThan(1e-5);
  expect(Math.sqrt(d / n)).toBeGreaterThan(0); // a different summation order, not the same code path
  const job = { shape, maxSupport: support, maxQuery: query, build: kernel.build };
  for (const pool of [inThreadPool(2), nodeShardPool(2)]) {
    const peer = new GroupThread(pool, job);
    expect(await peer.whenReady).toBe(true);
    const loss = await groupedMetaGradient(kernel, 0.4, a, b, true, peer);
    expect(peer.served, pool.label).toBe(1);
    expect(loss).toBe(here);
    expect(kernel.gradientVector()).toEqual(grouped);
    peer.stop();
  }
}, 60_000);

test('training with the second group on a worker thread gives the same parameters, bit for bit', async () => {
  // long enough (~2 s) for the worker thread (~0.25 s to start) to take most meta-batches
  const s = ogSetting(parseLink('view=nonlinear&ogFilters=8&ogIters=300&ogMetaBatch=3').params);
  const data = await loadOmniglotNode();
  const method = { adapt: 'all' as const, alphaT: 0.4 };
  const one = await trainConv4(s, method, data, directContext());
  const two = await trainConv4(s, method, data, directContext(), () => {}, nodeShardPool(2));
  expect(two.engine).toBe(`${one.engine} × 2 threads`);
  expect(two.curve).toEqual(one.curve);
  two.params.forEach((p, i) => expect(p).toEqual(one.params[i]));
}, 60_000);
