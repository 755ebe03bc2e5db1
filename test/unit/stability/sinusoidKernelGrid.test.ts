/**
 * The sinusoid grid on the wasm MAML kernel (the page's and CLI's engine) against the tfjs
 * autodiff engine (an independent implementation of the same training), split over shards in
 * this thread and over real Node worker threads.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { directContext } from '../../../src/core/jobs/context';
import { sinusoidGridRunnerOn } from '../../../src/compute/stability/sinusoidGrid';
import { sinusoidGridTfjsRunner } from '../../../src/compute/stability/sinusoidGridTfjs';
import { inThreadPool } from '../../../src/compute/shards/shardPool';
import { nodeShardPool } from '../../../src/compute/shards/nodeShardPool';
import type { SinusoidGridResult } from '../../../src/core/stability/sinusoidTypes';
import { gridVsSingleCells, smallJob } from './sinusoidParity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Largest relative difference of two grids' curves; Infinity if their divergence differs. */
function curveDifference(a: SinusoidGridResult, b: SinusoidGridResult): number {
  let worst = 0;
  a.curves.flat().forEach((curve, k) => {
    const other = b.curves.flat()[k];
    curve.forEach((v, r) => {
      const w = other[r];
      if ((v === null) !== (w === null)) worst = Infinity;
      else if (v !== null && w !== null) worst = Math.max(worst, Math.abs(v - w) / Math.abs(w));
    });
  });
  return worst;
}

describe('sinusoid grid, wasm kernel engine', () => {
  test('equals the tfjs autodiff engine cell by cell (second and first order)', async () => {
    for (const variant of ['second-order', 'first-order'] as const) {
      const job = { ...smallJob, variant };
      const kernel = await sinusoidGridRunnerOn(inThreadPool(1))(job, directContext());
      const tfjs = await sinusoidGridTfjsRunner(job, directContext());
      expect(kernel.diverged).toEqual(tfjs.diverged);
      expect(curveDifference(kernel, tfjs)).toBeLessThan(1e-3);
    }
  });

  test('any split into shards gives the same numbers; cells alone equal the grid', async () => {
    const one = await sinusoidGridRunnerOn(inThreadPool(1))(smallJob, directContext());
    const three = await sinusoidGridRunnerOn(inThreadPool(3))(smallJob, directContext());
    expect(three.curves).toEqual(one.curves);
    const r = await gridVsSingleCells(
      smallJob,
      [
        [0, 1],
        [1, 2],
      ],
      sinusoidGridRunnerOn(inThreadPool(2)),
    );
    expect(typeof r === 'object' && r.worst).toBe(0);
    expect(one.diverged[0][2] && one.diverged[1][2]).toBe(true); // β = 80
    expect(one.diverged[0][0] || one.diverged[1][0]).toBe(false); // β = 0.002
  });

  test('Node worker threads: same numbers, partials stream, cancel stops the threads', async () => {
    const partials: number[] = [];
    const threads = await sinusoidGridRunnerOn(nodeShardPool(2))(
      smallJob,
      directContext((p) => partials.push(p.iteration)),
    );
    expect(partials).toEqual([0, 4, 8, 12]);
    expect(threads.engine).toMatch(/2 threads \(Node worker threads\)/);
    const here = await sinusoidGridRunnerOn(inThreadPool(1))(smallJob, directContext());
    expect(threads.curves).toEqual(here.curves);
    const ctrl = new AbortController();
    const run = sinusoidGridRunnerOn(nodeShardPool(2))(
      { ...smallJob, iterations: 100000 },
      directContext((p) => p.iteration >= 4 && ctrl.abort(), ctrl.signal),
    );
    await expect(run).rejects.toThrow(/cancel|abort/i);
  }, 60000);

  test('in-thread cancel', async () => {
    const ctrl = new AbortController();
    const run = sinusoidGridRunnerOn(inThreadPool(2, async () => {}))(
      { ...smallJob, iterations: 100000 },
      directContext((p) => p.iteration >= 4 && ctrl.abort(), ctrl.signal),
    );
    await expect(run).rejects.toThrow(/cancel|abort/i);
  });
});
