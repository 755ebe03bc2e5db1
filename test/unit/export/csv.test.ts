import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { csvCell, curvesToCsv, gridToCsv } from '../../../src/core/curvesCsv';
import { stabilityExport } from '../../../src/ui/export/stabilityExport';
import { defaultParams } from '../../../src/core/params';

/** Non-finite numbers are empty cells, as `null` in the JSON; text with commas or quotes is quoted. */
describe('one CSV writer (page export and repro --format csv)', () => {
  test('NaN, ±Infinity, null and undefined are empty cells', () => {
    expect([NaN, Infinity, -Infinity, null, undefined].map(csvCell)).toEqual(['', '', '', '', '']);
    expect([0, -1.5, 1e-300, 'x'].map(csvCell)).toEqual(['0', '-1.5', '1e-300', 'x']);
    const csv = curvesToCsv({
      a: { x: [0, 1, NaN], theory: [NaN, Infinity, 2], simMean: [null, -Infinity, 3] },
    });
    expect(csv).toBe('curve,x,theory,simMean\na,0,,\na,1,,\na,,2,3\n');
    expect(csv).not.toMatch(/NaN|Infinity/);
  });

  test('text with a comma, quote or newline is quoted (RFC 4180)', () => {
    expect(csvCell('β_c for λ1 = 1, first')).toBe('"β_c for λ1 = 1, first"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  test('stability grid: a non-finite loss is an empty cell', () => {
    const grid = {
      alpha: [0, 1],
      beta: [0.5],
      loss: [[NaN], [Infinity]],
      diverged: [[false], [true]],
    };
    expect(gridToCsv({ grid })).toBe('alpha,beta,loss,diverged\n0,0.5,,0\n1,0.5,,1\n');
    const page = stabilityExport(defaultParams(), [], {
      grid,
      boundaries: { curves: [{ label: 'β_c', alpha: [0, 1], beta: [NaN, 2] }] },
    } as unknown as Parameters<typeof stabilityExport>[2]);
    expect(curvesToCsv(page.curves)).not.toMatch(/NaN|Infinity/);
  });

  test('repro --format csv of the learned-rate trajectories writes no NaN or Infinity', () => {
    const r = spawnSync(
      'npx',
      [
        'tsx',
        'src/cli/repro.ts',
        'view=nonlinear&nt=1',
        '--sections',
        'learnedRates',
        '--format',
        'csv',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    // Same columns on every row; the non-finite values became empty cells, not dropped cells.
    const width = lines[0]!.split(',').length;
    for (const l of lines) expect(l.split(',')).toHaveLength(width);
    expect(lines.some((l) => l.includes(',,'))).toBe(true);
  }, 60_000);
});
