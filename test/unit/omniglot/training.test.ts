/** The Omniglot training runners end to end on a tiny setting (tfjs wasm in Node). */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../../src/compute/backend/node';
import { innerLoopRunner, metaSgdRunner, ratesRunner } from '../../../src/compute/omniglot/train';
import { loadOmniglotNode } from '../../../src/compute/omniglot/nodeData';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import {
  ogInnerLoopSpec,
  ogMetaSgdSpec,
  ogRatesSpec,
  type OgProgress,
} from '../../../src/core/omniglot/training';
import { nonlinearReportOf } from '../../../src/core/nonlinear/reportShape';
import { OMNIGLOT_PRESETS } from '../../../src/core/omniglot/presets';
import { curvesToCsv } from '../../../src/core/curvesCsv';
import { doneRun } from './helpers';

const TINY =
  'view=nonlinear&ogFilters=2&ogIters=3&ogMetaBatch=2&ogEvalTasks=10&ogAlphas=-0.3,0.3&ogCount=2';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('Omniglot training runners', () => {
  test('inner-loop panel: MAML, NIL, ANIL, αt = 0 scored with CIs; deterministic; no tensor leak', async () => {
    const { params } = parseLink(TINY);
    const job = ogInnerLoopSpec.fromParams(params)!.job;
    const partials: OgProgress[] = [];
    const before = tf.memory().numTensors;
    const run = () =>
      innerLoopRunner(loadOmniglotNode)(
        job,
        directContext((p) => partials.push(p)),
      );
    const r = await run();
    expect(tf.memory().numTensors).toBe(before);
    expect(r.arms.map((a) => a.arm)).toEqual(['MAML', 'NIL', 'ANIL', 'αt = 0']);
    for (const a of r.arms) {
      expect(a.fiveWay.map((f) => f.steps)).toEqual([1, 3]);
      for (const f of a.fiveWay) {
        expect(f.acc.n).toBe(10);
        expect(f.acc.mean).toBeGreaterThanOrEqual(0);
        expect(f.acc.mean).toBeLessThanOrEqual(1);
        expect(f.acc.ci95).toBeGreaterThan(0);
      }
      expect(a.twentyWay.n).toBe(20);
    }
    // NIL does not adapt: the same accuracy at every step count
    const nil = r.arms[1];
    expect(nil.fiveWay[0].acc.mean).toBe(nil.fiveWay[1].acc.mean);
    expect(Object.keys(r.curves)).toEqual(['MAML', 'ANIL', 'αt = 0']);
    expect(r.curves.MAML.map((c) => c.iteration)).toEqual([1, 2, 3]);
    // progress covers train and evaluate of every arm, and the ETA fraction only grows
    const fractions = partials.map((p) => {
      const q = ogInnerLoopSpec.progress(p, { job });
      return q.done / q.total;
    });
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1] - 1e-9)).toBe(true);
    expect(new Set(partials.map((p) => `${p.label}:${p.stage}`)).size).toBe(6);
    // the same link, the same numbers
    const again = await run();
    expect(again.arms).toEqual(r.arms.map((a) => ({ ...a, trainSeconds: expect.any(Number) })));
    // the report shape (CLI and page export) and its CSV
    const report = nonlinearReportOf(params, { omniglotInnerLoop: doneRun(r) }, 'wasm');
    expect(Object.keys(report.curves)).toEqual([
      'omniglotInnerLoop',
      'omniglotInnerLoop.train.MAML',
      'omniglotInnerLoop.train.ANIL',
      'omniglotInnerLoop.train.αt = 0',
    ]);
    expect(report.omniglotInnerLoop).toMatchObject({ reference: { finnFiveWayOneShot: 98.7 } });
    expect(curvesToCsv(report.curves).split('\n')[0]).toContain('acc1');
  });

  test('rates panel: one network per αt, scored at the fixed αr', async () => {
    const { params } = parseLink(TINY);
    const job = ogRatesSpec.fromParams(params)!.job;
    expect(job.alphas).toEqual([-0.3, 0.3]);
    const r = await ratesRunner(loadOmniglotNode)(job, directContext());
    expect(r.points.map((p) => p.alphaT)).toEqual([-0.3, 0.3]);
    expect(r.points.every((p) => p.arm === 'MAML')).toBe(true);
  });

  test('Meta-SGD panel: learned rates per layer (Table-1 statistics), scored with them', async () => {
    const { params } = parseLink(TINY);
    const r = await metaSgdRunner(loadOmniglotNode)(
      ogMetaSgdSpec.fromParams(params)!.job,
      directContext(),
    );
    expect(r.rateStats.map((s) => s.name)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'head']);
    // conv1: 9·2 filters + 2 γ + 2 β; head: (2·2·2)·5 weights + 5 biases
    expect(r.rateStats[0].count).toBe(22);
    expect(r.rateStats[4].count).toBe(45);
    for (const s of r.rateStats) {
      expect(s.counts.reduce((a, b) => a + b, 0)).toBe(s.count);
      expect(s.std).toBeGreaterThan(0); // the rates moved away from their common start
    }
    expect(r.arm.arm).toBe('Meta-SGD');
    expect(r.arm.fiveWay[0].acc.n).toBe(10);
  });

  test('presets: valid links; the reference is the issue’s setting', () => {
    const ref = OMNIGLOT_PRESETS.find((p) => p.id === 'omniglot-reference')!;
    const { params, notices } = parseLink(ref.query);
    expect(notices).toEqual([]);
    expect(ogInnerLoopSpec.fromParams(params)!.job).toEqual({
      arms: 'maml',
      setting: {
        filters: 64,
        way: 5,
        queries: 5,
        metaBatch: 8,
        iterations: 3000,
        outerLr: 0.001,
        alphaT: 0.4,
        alphaR: 0.4,
        trainSteps: 1,
        testSteps: [1, 3],
        firstOrder: false,
        evalTasks: 600,
        seed: 1,
      },
    });
    for (const p of OMNIGLOT_PRESETS) expect(parseLink(p.query).notices, p.id).toEqual([]);
  });
});
