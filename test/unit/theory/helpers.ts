import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSizes, TheorySetting } from '../../../src/core/theory';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ReferenceEntry {
  id: string;
  kind: 'theory' | 'simulation';
  params?: Record<string, number>;
  alpha_t?: number;
  alpha_r?: number;
  value?: number;
  theory?: number;
}

/** The shared reference values (../shared/reference/reference-values.json from the repo root). */
export function loadReference(): ReferenceEntry[] {
  const file = path.resolve(repoRoot, '../shared/reference/reference-values.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { values: ReferenceEntry[] }).values;
}

export function sizesFromParams(p: Record<string, number>): ModelSizes {
  return {
    p: p.p,
    m: p.m,
    nt: p.nt,
    nv: p.nv,
    nr: p.nr,
    sigma: p.sigma,
    nu: p.nu,
    w0: p.w0,
    omega0: p.omega0,
  };
}

export const fig2: ModelSizes = {
  p: 60,
  m: 3,
  nt: 30,
  nv: 2,
  nr: 20,
  sigma: 1,
  nu: 0.5,
  w0: 0,
  omega0: 0,
};
export const fig3: ModelSizes = {
  p: 30,
  m: 40,
  nt: 5,
  nv: 25,
  nr: 10,
  sigma: 0.2,
  nu: 0.2,
  w0: 0,
  omega0: 0,
};

export function setting(sizes: ModelSizes, extra: Partial<TheorySetting> = {}): TheorySetting {
  return { ...sizes, cov: 'iso', sx: [0.25, 1.75], sw: [1.75, 0.25], seed: 1, ...extra };
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Central finite difference with a step scaled to the point. */
export function centralDiff(
  f: (x: number) => number,
  x: number,
  h = 1e-5 * Math.max(1, Math.abs(x)),
): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a + ((b - a) * i) / (n - 1);
  return out;
}
