import { inThreadPool } from '../../../src/compute/shards/shardPool';
import { describe, expect, test } from 'vitest';
import { parseLink } from '../../../src/core/params';
import { pureStabilityReport, stabilityBoundaries } from '../../../src/core/stability/report';
import { stabilityReport } from '../../../src/compute/reports/stabilityReport';
import { STABILITY_PRESETS } from '../../../src/core/stability/presets';

const link = (id: string) => parseLink(STABILITY_PRESETS.find((p) => p.id === id)!.query).params;

describe('stability report (what the CLI prints)', () => {
  test('linear regression: shapes, eigenvalues, α_c, and curves through 2/λ at α = 0', () => {
    const params = { ...link('fig3'), stAlpha: [0, 0.09] as const, stAlphaAxis: 'linear' as const };
    const r = pureStabilityReport(params);
    expect(r.grid.loss).toHaveLength(params.stAlphaCells);
    expect(r.grid.loss[0]).toHaveLength(params.stBetaCells);
    r.grid.loss.forEach((row, i) =>
      row.forEach((v, j) => expect(v === null).toBe(r.grid.diverged[i][j])),
    );
    const l = r.hessianEigenvalues!;
    expect(l).toHaveLength(2);
    expect(r.boundaries.alphaCritical).toBeCloseTo(1 / l[1], 12);
    r.boundaries.curves.forEach((c, k) => {
      expect(c.alpha[0]).toBe(0);
      expect(c.beta[0]).toBeCloseTo(2 / l[k], 12);
    });
    expect(r.variant).toBe('first-order');
    expect(JSON.parse(JSON.stringify(r)).grid.alpha).toEqual(r.grid.alpha);
  });

  test('mixed setting: one β_c(αt) curve, exact MAML', () => {
    const params = { ...link('mixed-gd'), stAlphaCells: 5, stBetaCells: 4, stIters: 50 };
    const r = pureStabilityReport(params);
    expect(r.variant).toBe('second-order');
    expect(r.hessianEigenvalues).toBeNull();
    expect(stabilityBoundaries(params).curves).toHaveLength(1);
  });

  test('sinusoid through the Node path (wasm kernel, in-thread shards)', async () => {
    const params = {
      ...link('fig4a'),
      stAlphaCells: 2,
      stBetaCells: 2,
      stIters: 3,
      stTasks: 1,
    };
    const r = await stabilityReport(params, { pool: inThreadPool(2) });
    expect(r.setting).toBe('sinusoid');
    expect(r.backend).toMatch(/wasm MAML kernel \((relaxed-)?simd\), 2 threads/);
    expect(r.curves?.iterations).toEqual([0, 3]);
    expect(r.grid.loss).toHaveLength(2);
    expect(r.grid.diverged[0]).toHaveLength(2);
  });
});
