import { describe, expect, test } from 'vitest';
import { heatmapFigure, nearestIndex } from '../../../src/ui/stability/heatmapFigure';

type T = { name?: string; z?: (number | null)[][]; x?: number[]; hoverongaps?: boolean };

const base = {
  alpha: [-0.1, 0, 0.1],
  beta: [0.01, 0.1],
  loss: [
    [1e-3, null],
    [0, 1e-2],
    [10, null],
  ],
  diverged: [
    [false, true],
    [false, false],
    [false, true],
  ],
  axes: { alpha: 'linear' as const, beta: 'log' as const },
  boundaries: { alphaCritical: 0.05, betaCriticalAtAlphaZero: 0.05, curves: [] },
  variantLabel: 'exact MAML',
  alphaLabel: 'α',
};

describe('stability heatmap figure', () => {
  test('z[β][α] is log10 of loss[α][β]; diverged cells only in the grey layer; 0 gets the floor', () => {
    const { data } = heatmapFigure(base);
    const [loss, grey] = data as T[];
    expect(loss.z![0][0]).toBeCloseTo(-3, 12);
    expect(loss.z![1][1]).toBeCloseTo(-2, 12);
    expect(loss.z![0][2]).toBeCloseTo(1, 12);
    expect(loss.z![0][1]).toBe(-3); // exact 0 → the floor: the smallest loss (≤ 16 decades down)
    expect(loss.z![1][0]).toBeNull();
    expect(grey.z).toEqual([
      [null, null, null],
      [1, null, 1],
    ]);
    // Neither layer hovers where it has no value (the grey one would call every cell diverged).
    for (const layer of [loss, grey]) expect(layer.hoverongaps).toBe(false);
  });

  test('overlays: α_c and α = 0 lines when inside the range, β_c(0) line, none outside', () => {
    const names = (heatmapFigure(base).data as T[]).map((t) => t.name ?? '');
    expect(names.some((n) => n.startsWith('α_c'))).toBe(true);
    expect(names).toContain('α = 0');
    expect(names.some((n) => n.startsWith('β_c at α = 0'))).toBe(true);
    const positive = heatmapFigure({ ...base, alpha: [0.2, 0.3, 0.4] }).data as T[];
    expect(positive.map((t) => t.name)).not.toContain('α = 0');
    expect(positive.some((t) => t.name?.startsWith('α_c'))).toBe(false);
  });

  test('a click maps to the nearest cell (log distance on log axes)', () => {
    expect(nearestIndex([0.01, 0.1, 1], 0.04, 'log')).toBe(1);
    expect(nearestIndex([0.01, 0.1, 1], 0.04, 'linear')).toBe(0);
  });
});
