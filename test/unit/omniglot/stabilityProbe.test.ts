/** Omniglot panels 3 (α–β grid) and 5 (feature-reuse probe): runners on a tiny setting, in Node. */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../../src/compute/backend/node';
import { loadOmniglotNode } from '../../../src/compute/omniglot/nodeData';
import {
  gridEvalTasks,
  ogStabilityRunner,
  runGridCell,
} from '../../../src/compute/omniglot/stabilityGrid';
import {
  partnerTasks,
  probeAccuraciesConv4,
  probeRunner,
} from '../../../src/compute/omniglot/probe';
import { metaSgdRunner, trainConv4 } from '../../../src/compute/omniglot/train';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import {
  ogStabilityJob,
  ogStabilitySpec,
  type OgStabilityProgress,
} from '../../../src/core/omniglot/stability';
import {
  ogProbeSpec,
  pairedDiff,
  probeArm,
  probeComparison,
  verdictOf,
} from '../../../src/core/omniglot/probe';
import { ogMetaSgdSpec } from '../../../src/core/omniglot/training';
import { evaluationTasks } from '../../../src/core/omniglot/tasks';
import { prototypeAccuracy } from '../../../src/core/probe/prototypeClassifier';
import { nonlinearReportOf } from '../../../src/core/nonlinear/reportShape';
import { OMNIGLOT_PRESETS } from '../../../src/core/omniglot/presets';
import { curvesToCsv } from '../../../src/core/curvesCsv';
import { doneRun } from './helpers';

const TINY_GRID =
  'view=nonlinear&ogGridFilters=2&ogGridIters=2&ogGridMetaBatch=1&ogGridQueries=2' +
  '&ogGridAlphaCells=2&ogGridBetaCells=3&ogGridEvalTasks=3&ogGridAlpha=0.01,1&ogGridBeta=0.1,1000';
const TINY_PROBE = 'view=nonlinear&ogFilters=2&ogIters=3&ogMetaBatch=2&ogEvalTasks=10';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('Omniglot α–β grid', () => {
  test('log axes from the link; cells = independent single-cell runs; diverged state; no leak', async () => {
    const { params } = parseLink(TINY_GRID);
    const job = ogStabilityJob(params);
    expect(job.alpha).toEqual([0.01, 1]);
    expect(job.beta[0]).toBe(0.1);
    expect(job.beta[1]).toBeCloseTo(10, 10); // log-spaced
    expect(job.beta[2]).toBe(1000);
    expect(job.setting).toMatchObject({ optimizer: 'sgd', trainSteps: 2, way: 5 });
    const partials: OgStabilityProgress[] = [];
    const before = tf.memory().numTensors;
    const r = await ogStabilityRunner(loadOmniglotNode)(
      job,
      directContext((p) => partials.push(p)),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r.cells).toHaveLength(6);
    // β = 1000 with plain SGD: diverged (non-finite or above the threshold), drawn as a state
    for (let i = 0; i < 2; i++) {
      expect(r.grid.diverged[i][2]).toBe(true);
      expect(r.grid.loss[i][2]).toBeNull();
    }
    // a small β trains and is scored on the fixed evaluation set
    expect(r.grid.diverged[0][0]).toBe(false);
    expect(r.grid.loss[0][0]).toBeGreaterThan(0);
    expect(r.grid.initialLoss.every((l) => l !== null && l > 0)).toBe(true);
    // the same cell run alone: the same number (same init, same task stream, same evaluation set)
    const data = await loadOmniglotNode();
    const tasks = gridEvalTasks(data, job.evalTasks, job.setting.queries);
    for (const [i, j] of [
      [0, 0],
      [1, 1],
    ]) {
      const alone = await runGridCell(job, job.alpha[i], job.beta[j], data, tasks, directContext());
      const c = r.cells.find((x) => x.i === i && x.j === j)!;
      expect(alone.loss).toBe(c.loss);
      expect(alone.diverged).toBe(c.diverged);
      expect(alone.iterations).toBe(c.iterations);
    }
    // a 1 × 1 grid of that cell through the runner gives it too
    const one = await ogStabilityRunner(loadOmniglotNode)(
      { ...job, alpha: [job.alpha[1]], beta: [job.beta[1]] },
      directContext(),
    );
    expect(one.grid.loss[0][0]).toBe(r.grid.loss[1][1]);
    // partial grids stream, cells only fill in, and progress only grows
    expect(partials.length).toBeGreaterThanOrEqual(6);
    const fr = partials.map((p) => {
      const q = ogStabilitySpec.progress(p, { job });
      return q.done / q.total;
    });
    expect(fr.every((f, k) => k === 0 || f >= fr[k - 1] - 1e-9)).toBe(true);
    expect(partials[partials.length - 1].cells).toBe(6);
    // findings and the report shape (CLI and page export) with its CSV: one row per cell
    expect(r.findings.betaMax).toHaveLength(2);
    const report = nonlinearReportOf(params, { omniglotStability: doneRun(r) }, 'wasm');
    expect(report.omniglotStability).toMatchObject({ reference: { iterations: 100 } });
    const csv = curvesToCsv(report.curves).split('\n');
    expect(csv[0]).toContain('diverged');
    expect(csv.filter((l) => l.startsWith('omniglotStability,'))).toHaveLength(6);
  });
});

describe('Omniglot feature-reuse probe', () => {
  test('prototype accuracy: a hand-computed example (cosine, not Euclidean)', () => {
    // 2-way 1-shot in 2-D, prototypes (10, 0) and (0, 1). Query (1, 0.9) of class 0: cosine
    // 1/1.345 = 0.743 with (10, 0) against 0.9/1.345 = 0.669 with (0, 1) → class 0, right (the
    // Euclidean nearest would be (0, 1): distance 1.005 against 9.04). (0.1, 1) → class 1, wrong.
    // Class 1: (0.2, 5) → class 1, right; (5, 0.1) → class 0, wrong. Queries class-major: 2 of 4.
    const support = [10, 0, 0, 1];
    const query = [1, 0.9, 0.1, 1, 0.2, 5, 5, 0.1];
    expect(prototypeAccuracy(support, query, 2, 2, 1, 2)).toBe(0.5);
  });

  test('paired differences, CIs and verdicts by hand', () => {
    const d = pairedDiff([0.1, 0.2, 0.3]);
    expect(d.mean).toBeCloseTo(0.2, 12);
    expect(d.stderr).toBeCloseTo(0.1 / Math.sqrt(3), 12);
    expect(d.ci95).toBeCloseTo((1.96 * 0.1) / Math.sqrt(3), 12);
    expect(verdictOf(d, 1)).toBe('agrees');
    expect(verdictOf(d, -1)).toBe('disagrees');
    expect(verdictOf(pairedDiff([-0.1, 0.1, 0.05]), 1)).toBe('inconclusive');
    const maml = { preA: [0.5, 0.6], preB: [0.4, 0.5], onA: [0.6, 0.8], offB: [0.3, 0.3] };
    const msgd = { preA: [0.5, 0.6], preB: [0.4, 0.5], onA: [0.4, 0.5], offB: [0.6, 0.6] };
    const arm = probeArm('MAML', maml, { finalLoss: 1, trainSeconds: 0, engine: 'test' });
    expect(arm.deltaOn.mean).toBeCloseTo(0.15, 12); // (0.1 + 0.2) / 2
    expect(arm.deltaOff.mean).toBeCloseTo(-0.15, 12); // (−0.1 − 0.2) / 2
    const c = probeComparison(maml, msgd);
    // (Δoff − Δon) per task: MAML −0.2, −0.4; Meta-SGD 0.3, 0.2 → differences 0.5, 0.6
    expect(c.metaSgdMinusMaml.offMinusOn.mean).toBeCloseTo(0.55, 12);
    expect(c.claims.map((x) => x.verdict)).toEqual([
      'agrees',
      'agrees',
      'agrees',
      'agrees',
      'agrees',
    ]);
  });

  test('partner tasks share no character; the runner trains panel 4’s Meta-SGD network', async () => {
    const data = await loadOmniglotNode();
    const tasks = evaluationTasks(data.index, 20);
    const partners = partnerTasks(tasks);
    partners.forEach((b, a) => {
      expect(b).not.toBe(a);
      const ca = new Set(tasks[a].classes.map((c) => c.character));
      expect(tasks[b].classes.some((c) => ca.has(c.character))).toBe(false);
    });
    const { params } = parseLink(TINY_PROBE);
    const job = ogProbeSpec.fromParams(params)!.job;
    const before = tf.memory().numTensors;
    const r = await probeRunner(loadOmniglotNode)(job, directContext());
    expect(tf.memory().numTensors).toBe(before);
    expect(r.arms.map((a) => a.method)).toEqual(['MAML', 'Meta-SGD']);
    expect(r.tasks).toBe(10);
    for (const a of r.arms)
      for (const k of ['pre', 'onTask', 'offTask'] as const) {
        expect(a[k].n).toBe(10);
        expect(a[k].mean).toBeGreaterThanOrEqual(0);
        expect(a[k].mean).toBeLessThanOrEqual(1);
      }
    // the Meta-SGD network is panel 4's: the same training curve
    const panel4 = await metaSgdRunner(loadOmniglotNode)(
      ogMetaSgdSpec.fromParams(params)!.job,
      directContext(),
    );
    expect(r.curves['Meta-SGD']).toEqual(panel4.curves['Meta-SGD']);
    expect(r.claims).toHaveLength(5);
    // a network adapted by 0 effective steps (α = 0): on = pre and off = pre of B, Δ = 0 exactly
    const model = await trainConv4(job.setting, { adapt: 'all', alphaT: 0.4 }, data, {
      checkpoint: async () => {},
    });
    const acc = await probeAccuraciesConv4(
      model,
      data,
      tasks.slice(0, 4),
      partnerTasks(tasks)
        .slice(0, 4)
        .map((b) => b % 4),
      { steps: 1, alpha: 0, learned: false },
      async () => {},
    );
    expect(acc.onA).toEqual(acc.preA);
    expect(acc.offB).toEqual(acc.preB);
    // report shape and CSV
    const report = nonlinearReportOf(params, { omniglotProbe: doneRun(r) }, 'wasm');
    expect(Object.keys(report.curves)).toEqual([
      'omniglotProbe.MAML',
      'omniglotProbe.Meta-SGD',
      'omniglotProbe.perTask.MAML',
      'omniglotProbe.perTask.Meta-SGD',
      'omniglotProbe.train.MAML',
      'omniglotProbe.train.Meta-SGD',
    ]);
    expect(report.omniglotProbe).not.toHaveProperty('perTask');
  });

  test('presets: valid links; the quick ones are the defaults of their panel', () => {
    for (const p of OMNIGLOT_PRESETS) expect(parseLink(p.query).notices, p.id).toEqual([]);
    const paper = OMNIGLOT_PRESETS.find((p) => p.id === 'omniglot-fig4b-paper')!;
    const job = ogStabilityJob(parseLink(paper.query).params);
    expect(job.setting).toMatchObject({ filters: 64, metaBatch: 32, queries: 15, iterations: 100 });
    expect(job.setting.trainSteps).toBe(2);
    expect([job.alpha[0], job.alpha[9], job.beta[0], job.beta[9]]).toEqual([1e-3, 9, 0.1, 90]);
  });
});
