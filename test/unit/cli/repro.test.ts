import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const reference = JSON.parse(
  readFileSync(resolve(process.cwd(), '../shared/reference/reference-values.json'), 'utf8'),
) as { values: { id: string; value: number }[] };
const ref = (id: string) => reference.values.find((v) => v.id === id)!.value;

function repro(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/repro.ts', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('repro CLI', () => {
  test('prints the JSON of a share link: Fig. 2 reference values', () => {
    const r = repro(
      'https://host/app/?nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&alphaT=0.2&alphaR=0.2',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.current.theorem).toBe('1');
    expect(out.current.regime).toBe('over');
    expect(out.current.theory).toBeCloseTo(ref('fig2_thm1_L_at0.2_ar0.2'), 12);
    expect(out.optimum.alphaT).toBeCloseTo(ref('fig2_eq8_alpha_t_minus'), 12);
    expect(out.optimum.alphaR).toBeCloseTo(ref('fig2_alpha_r_opt_at_at0.2'), 12);
    expect(out.curves.alphaT.x).toHaveLength(401);
    expect(out.curves.alphaR.theory).toHaveLength(401);
    expect(out.notices).toEqual([]);
  });

  test('bad values do not stop the run: notices in the JSON and on stderr', () => {
    const r = repro('?p=lots&nt=30&alphaT=9&bogus=1');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.p).toBe(60);
    expect(out.config.alphaT).toBe(3);
    expect(out.notices.map((n: { key: string }) => n.key).sort()).toEqual(['alphaT', 'bogus', 'p']);
    expect(r.stderr).toMatch(/notice: p:/);
    expect(r.stderr).toMatch(/notice: bogus:/);
  });

  test('CSV output has one row per curve point', () => {
    const r = repro('p=100', '--format', 'csv');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('curve,x,theory');
    expect(lines).toHaveLength(1 + 2 * 401);
    expect(lines[1]).toMatch(/^alphaT,-3,\d/);
  });

  test('--help lists every link key from the parameter table', () => {
    const r = repro('--help');
    for (const k of ['alphaT', 'alphaR', 'cov', 'sx', 'seed', 'view'])
      expect(r.stdout).toContain(k);
  });
});
