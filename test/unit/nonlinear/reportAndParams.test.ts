import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { PARAMS, PARAM_KEYS, parseLink } from '../../../src/core/params';
import { nonlinearParams } from '../../../src/core/params/nonlinearParams';
import { NONLINEAR_PRESETS } from '../../../src/core/nonlinear/presets';
import { FIG5_PAPER } from '../../../src/core/fig5/quadraticRegression';
import { fig5SettingFromParams } from '../../../src/core/nonlinear/nonlinearSettings';
import { conditionalTestLoss, FIG2_SETTING } from '../../../src/core/metaSgd/linearTasks';
import { conditionalTestLoss as theoryConditionalLoss } from '../../../src/core/theory';
import { createRng } from '../../../src/core/rng';
import { nonlinearReport } from '../../../src/compute/reports/nonlinearReport';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('nonlinear parameters and presets', () => {
  test('link keys unique across the whole table; presets parse without notices', () => {
    const keys = PARAM_KEYS.map((k) => PARAMS[k].urlKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of Object.keys(nonlinearParams)) expect(PARAM_KEYS).toContain(k);
    for (const preset of NONLINEAR_PRESETS) expect(parseLink(preset.query).notices).toEqual([]);
  });

  test('the default link is the quick Fig. 5 setting, and says what differs from the paper', async () => {
    const { FIG5_QUICK } = await import('../../../src/core/fig5/quadraticRegression');
    const { fig5Differences } = await import('../../../src/core/fig5/paperDiff');
    const { defaultParams } = await import('../../../src/core/params');
    const s = fig5SettingFromParams(defaultParams());
    expect({ ...s, alphas: [] }).toEqual({ ...FIG5_QUICK, alphas: [] });
    s.alphas.forEach((a, i) => expect(a).toBeCloseTo(FIG5_QUICK.alphas[i], 12));
    expect(fig5Differences(s)).toEqual([
      'width 40 (paper: 400)',
      '200 epochs (paper: 5000)',
      'outer lr 0.02 (paper: 0.001)',
      '5 runs per αt (paper: 10)',
      '200 test tasks (paper: 1000)',
      'αt grid: 9 values -0.06…0.06 (paper setting here: 13 values -0.0225…0.0225)',
    ]);
    expect(fig5Differences(FIG5_PAPER)).toEqual([]);
  });

  test('the paper preset reproduces the Fig. 5 setting of theory.md §1', () => {
    const preset = NONLINEAR_PRESETS.find((p) => p.id === 'fig5-paper')!;
    const s = fig5SettingFromParams(parseLink(preset.query).params);
    expect({ ...s, alphas: [] }).toEqual({ ...FIG5_PAPER, alphas: [] });
    expect(s.alphas).toHaveLength(13);
    expect(s.alphas[0]).toBeCloseTo(-0.0225, 12);
    // The grid holds the paper's optimum and 0; the preset's link round-trips to the same setting.
    expect(s.alphas.some((a) => Math.abs(a + 0.0075) < 1e-12)).toBe(true);
    expect(s.alphas.some((a) => Math.abs(a) < 1e-12)).toBe(true);
    s.alphas.forEach((a, i) => expect(a).toBeCloseTo(FIG5_PAPER.alphas[i], 12));
  });
});

test('conditional test loss agrees with the theory core (Eq. 65 integrand)', () => {
  const rng = createRng(1, 0);
  const omega = rng.fillNormal(new Float64Array(60), 0.1);
  const st = { ...FIG2_SETTING, w0: 0.05, alphaR: 0.3 };
  const d = omega.map((x) => x - st.w0);
  expect(conditionalTestLoss(omega, st).loss).toBeCloseTo(
    theoryConditionalLoss(d, st.alphaR, st),
    12,
  );
});

test('nonlinearReport: all MLP sections on tiny settings give JSON-safe results', async () => {
  const { params } = parseLink(
    'view=nonlinear&f5Width=4&f5Epochs=2&f5Count=2&f5Runs=2&f5TestTasks=10' +
      '&msIters=10&probeIters=10&probeTasks=20',
  );
  const before = tf.memory().numTensors;
  const r = await nonlinearReport(params, ['fig5', 'metaSgd', 'probe']);
  expect(tf.memory().numTensors).toBe(before);
  expect(r.fig5!.alphas).toHaveLength(2);
  expect(r.fig5!.statement).toMatch(/Paper: best αt = -0.0075/);
  expect(r.fig5!.paperScale).toBe(false);
  expect(r.fig5!.curve.epochs[0]).toBe(0);
  expect(r.metaSgd!.rateStats.map((s) => s.name)).toEqual(['hidden 1', 'hidden 2', 'output']);
  expect(r.metaSgd!.rateStats[0].count).toBe(40 + 40);
  expect(r.probe!.arms.map((a) => a.method)).toEqual(['MAML', 'Meta-SGD']);
  for (const a of r.probe!.arms) {
    expect(a.pre.mean).toBeGreaterThanOrEqual(0);
    expect(a.pre.mean).toBeLessThanOrEqual(1);
  }
  const json = JSON.parse(JSON.stringify(r));
  expect(json.probe.offMinusOnMetaSgdVsMaml.dof).toBeGreaterThan(0);
}, 120_000);

test('describeFig5: sign of the best αt, paired SE against αt ≈ 0, paper scale and convergence', async () => {
  const { describeFig5 } = await import('../../../src/core/fig5/describeFig5');
  const { FIG5_PAPER, FIG5_QUICK } = await import('../../../src/core/fig5/quadraticRegression');
  // Three runs; αt = −0.02 is below αt = 0 by 0.5 in every run but one (paired differences).
  const perRun = [
    [1.0, 0.9, 1.1],
    [1.5, 1.5, 1.5],
    [2.0, 2.1, 1.9],
  ];
  const base = {
    alphas: [-0.02, 0, 0.02],
    meanTestLoss: [1.0, 1.5, 2.0],
    stderr: [0.06, 0, 0.06],
    bestAlpha: -0.02,
    perRun,
    flattenedAt: 300,
  };
  const paper = describeFig5(base, FIG5_PAPER);
  expect(paper.bestVsZeroZ).toBeCloseTo(-0.5 / Math.sqrt(0.01 / 3), 6);
  expect(paper).toMatchObject({ paperScale: true, converged: true, agreement: 'agrees' });
  expect(paper.statement).toMatch(/^At the paper's setting, converged: best αt = -0.02 \(negative/);
  expect(paper.statement).toContain('agrees with the paper');
  // Not converged: no conclusion. Reduced: labelled, with what differs.
  expect(describeFig5({ ...base, flattenedAt: null }, FIG5_PAPER).statement).toMatch(
    /NOT converged, so no conclusion/,
  );
  const quick = describeFig5(base, FIG5_QUICK);
  expect(quick.paperScale).toBe(false);
  expect(quick.differences).toContain('width 40 (paper: 400)');
  expect(quick.statement).toMatch(/^Reduced setting, not the paper's \(width 40 \(paper: 400\)/);
  // Best at 0 with every negative αt worse by > 2 SE: disagrees.
  const z = describeFig5(
    {
      ...base,
      meanTestLoss: [2, 1, 1.5],
      perRun: [
        [2, 2.1, 1.9],
        [1, 1, 1],
        [1.5, 1.5, 1.5],
      ],
      bestAlpha: 0,
    },
    FIG5_PAPER,
  );
  expect(z.statement).toContain('αt ≈ 0 itself is best');
  expect(z.agreement).toBe('disagrees');
});
