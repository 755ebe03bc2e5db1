import { describe, expect, test } from 'vitest';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import { THEORY_PRESETS } from '../../../src/core/presets';
import { scaledParams, scaleUpJob } from '../../../src/core/sim/scaleUp';
import { runScaleUp } from '../../../src/compute/sim/scaleUp';

const preset = (id: string) => parseLink(THEORY_PRESETS.find((p) => p.id === id)!.query).params;

describe('scale-up along the theorem’s limit', () => {
  test('overparameterized: p, nt, nr grow, nv and m stay; underparameterized: m grows', () => {
    const f2 = preset('fig2b');
    expect(scaledParams(f2, 4)).toMatchObject({ p: 240, nt: 120, nr: 80, nv: 2, m: 3 });
    const f3 = preset('fig3b');
    expect(scaledParams(f3, 4)).toMatchObject({ p: 30, nt: 5, nv: 25, nr: 10, m: 160 });
    // Scales whose sizes leave the parameter table's range are left out (p ≤ 1000).
    const big = { ...f2, p: 300 };
    expect(scaleUpJob(big).jobs.map((j) => j.scale)).toEqual([1, 2]);
  });

  test('Fig. 2 at αt = 0: the gap matches the reference runs (theory.md: +0.85 %, +0.20 %, +0.06 %)', async () => {
    const p = { ...preset('fig2b'), alphaT: 0, scaleRuns: 2000, scaleUpTo: '4' as const };
    const r = await runScaleUp(scaleUpJob({ ...p, backend: 'cpu' }), directContext());
    const ref = [0.0085, 0.002, 0.0006];
    expect(r.points.map((q) => q.scale)).toEqual([1, 2, 4]);
    r.points.forEach((q, i) => {
      expect(Math.abs(q.gap! - ref[i])).toBeLessThan(4 * q.gapSe!);
    });
    // And it shrinks beyond its standard errors.
    const [a, , c] = r.points;
    expect(a.gap! - c.gap!).toBeGreaterThan(3 * Math.hypot(a.gapSe!, c.gapSe!));
  });
});
