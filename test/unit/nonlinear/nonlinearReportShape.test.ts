import { fig5Job } from '../../../src/core/fig5/job';
import { metaSgdMlpJob } from '../../../src/core/metaSgd/jobs';
import { probeJob } from '../../../src/core/probe/job';
import type {
  LearnedRatesResult,
  TrajectorySummary,
} from '../../../src/core/metaSgd/learnedRatesTypes';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { parseLink } from '../../../src/core/params';
import { curvesToCsv } from '../../../src/core/curvesCsv';
import { directContext } from '../../../src/core/jobs/context';
import { runFeatureReuseProbe } from '../../../src/compute/probe/featureReuseProbe';
import { runFig5Sweep } from '../../../src/compute/fig5/fig5Sweep';
import { runMetaSgdMlp } from '../../../src/compute/metaSgd/metaSgdMlpJob';
import { nonlinearReport } from '../../../src/compute/reports/nonlinearReport';
import {
  nonlinearReportOf,
  runsBackend,
  type SectionRun,
} from '../../../src/core/nonlinear/reportShape';
import { nonlinearExport } from '../../../src/ui/export/nonlinearExport';

const TINY =
  'view=nonlinear&f5Width=4&f5Epochs=2&f5Count=2&f5Runs=2&f5TestTasks=10' +
  '&msIters=10&probeIters=10&probeTasks=20';
const { params } = parseLink(TINY);

const done = <R>(result: R, backend: string | null = null): SectionRun<never, R> => ({
  status: 'done',
  partial: null,
  result,
  error: null,
  seconds: 1.5,
  backend,
});

const trajectory = (kind: TrajectorySummary['kind'], steps: number[]): TrajectorySummary => ({
  kind,
  perParameter: false,
  points: steps.map((step) => ({
    step,
    alphaMean: step / 100,
    alphaStd: 0,
    objective: 1,
    testLoss: 2,
  })),
  final: { mean: 0.3, stderr: 0.01 },
  alpha: [0.3],
});

const learned: LearnedRatesResult = {
  trajectories: [trajectory('freshTasks', [10, 20, 30]), trajectory('fixedTasks', [10, 20])],
  perParameterStats: [
    {
      name: 'freshTasks',
      count: 3,
      mean: 0,
      std: 1,
      negativeFraction: 0.5,
      edges: [-1, 0, 1],
      counts: [2, 1],
    },
  ],
  simulatedOptimum: null,
  references: { eq8AlphaTMinus: -1.01, bestAdaptationRate: 0.09 },
};

describe('nonlinearReportOf (page export and CLI alike)', () => {
  test('a finished section has the CLI shape; its points are curves, one CSV row each', () => {
    const r = nonlinearReportOf(params, { learnedRates: done(learned) }, 'wasm');
    expect(Object.keys(r)).toEqual(['backend', 'seconds', 'learnedRates', 'curves']);
    expect(r.seconds).toEqual({ learnedRates: 1.5 });
    expect(r.learnedRates).toEqual({
      ...learned,
      trajectories: [
        { kind: 'freshTasks', perParameter: false, final: { mean: 0.3, stderr: 0.01 }, steps: 30 },
        { kind: 'fixedTasks', perParameter: false, final: { mean: 0.3, stderr: 0.01 }, steps: 20 },
      ],
    });
    expect(r.curves['learnedRates.freshTasks']).toMatchObject({
      x: [10, 20, 30],
      alphaMean: [0.1, 0.2, 0.3],
    });
    expect(r.curves['learnedRates.histogram.freshTasks']).toEqual({
      x: [-0.5, 0.5],
      count: [2, 1],
    });
    const csv = curvesToCsv(r.curves).trim().split('\n');
    expect(csv[0]).toBe('curve,x,alphaMean,alphaStd,objective,testLoss,count');
    expect(csv[1]).toBe('learnedRates.freshTasks,10,0.1,0,1,2,');
    expect(csv).toHaveLength(1 + 3 + 2 + 2);
  });

  test('unfinished sections are marked done: false with their progress; never-run ones absent', () => {
    const paused = {
      status: 'paused' as const,
      partial: { trajectories: [trajectory('freshTasks', [10])] },
      result: null,
      error: null,
      seconds: null,
      backend: null,
    };
    const fig5Partial = {
      phase: 'train' as const,
      modelsDone: 0,
      models: 4,
      done: 1,
      total: 20,
      epoch: 1,
      epochs: 2,
      trainLoss: [3, 4],
      perRun: [
        [null, null],
        [null, null],
      ],
      shards: 1,
    };
    const r = nonlinearReportOf(
      params,
      {
        learnedRates: paused,
        fig5: { ...paused, status: 'cancelled', partial: fig5Partial },
        metaSgd: { ...paused, status: 'running', partial: null },
        probe: { ...paused, status: 'failed', partial: null, error: 'out of memory' },
      },
      null,
    );
    expect(r.learnedRates).toEqual({
      done: false,
      status: 'paused',
      error: null,
      progress: {
        trajectories: [
          {
            kind: 'freshTasks',
            perParameter: false,
            final: { mean: 0.3, stderr: 0.01 },
            steps: 10,
          },
        ],
      },
    });
    expect(r.fig5).toEqual({
      done: false,
      status: 'cancelled',
      error: null,
      progress: { ...fig5Partial, alphas: fig5Job(params).setting.alphas },
    });
    // Running with nothing to show yet: not a section. A failed run says why.
    expect('metaSgd' in r).toBe(false);
    expect(r.probe).toEqual({
      done: false,
      status: 'failed',
      error: 'out of memory',
      progress: null,
    });
    expect(r.seconds).toEqual({});
    expect(r.curves['fig5.training']).toEqual({
      x: fig5Job(params).setting.alphas,
      trainLoss: [3, 4],
    });
  });

  test('the page reports the backend its finished training jobs used', () => {
    expect(runsBackend({ learnedRates: done(learned) })).toBeNull();
    expect(runsBackend({ learnedRates: done(learned), fig5: done({} as never, 'wasm') })).toBe(
      'wasm',
    );
  });
});

describe('page export = CLI report', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  test('the same runs give the CLI JSON, key for key and number for number', async () => {
    const sections = ['fig5', 'metaSgd', 'probe'] as const;
    const cli = { config: params, notices: [], ...(await nonlinearReport(params, sections)) };
    const page = nonlinearExport(params, [], {
      fig5: done(await runFig5Sweep(fig5Job(params), directContext()), 'cpu'),
      metaSgd: done(await runMetaSgdMlp(metaSgdMlpJob(params), directContext()), 'cpu'),
      probe: done(await runFeatureReuseProbe(probeJob(params), directContext()), 'cpu'),
    });
    // Wall times differ from run to run; everything else is the same computation.
    const timeless = (r: object) =>
      JSON.parse(JSON.stringify(r, (k, v) => (k === 'seconds' ? undefined : v)));
    expect(timeless(page)).toEqual(timeless(cli));
    expect(Object.keys(page)).toEqual(Object.keys(cli));
    for (const s of sections) expect(Object.keys(page[s]!)).toEqual(Object.keys(cli[s]!));
    expect(Object.keys(page.seconds)).toEqual(Object.keys(cli.seconds));
    expect(curvesToCsv(page.curves)).toBe(curvesToCsv(cli.curves));
  }, 120_000);
});
