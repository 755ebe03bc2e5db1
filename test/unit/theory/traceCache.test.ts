import { describe, expect, test } from 'vitest';
import { computeTraces, primeTraces, tracesAreSlow } from '../../../src/core/theory';
import { prepareTheory } from '../../../src/core/theory';

const setting = {
  p: 300,
  m: 3,
  nt: 30,
  nv: 2,
  nr: 20,
  sigma: 1,
  nu: 0.5,
  w0: 0,
  omega0: 0,
  cov: 'wishart' as const,
  sx: [0.25, 1.75] as const,
  sw: [1.75, 0.25] as const,
  seed: 42,
};

describe('trace cache (worker precompute for Wishart at large p)', () => {
  test('slow until primed; a primed cache gives the same model as computing in place', () => {
    expect(tracesAreSlow(setting)).toBe(true);
    expect(tracesAreSlow({ ...setting, cov: 'diag' })).toBe(false);
    expect(tracesAreSlow({ ...setting, p: 100 })).toBe(false);
    // What the worker does, then what the page does with its answer (a structured clone).
    const traces = structuredClone(computeTraces(setting));
    primeTraces(setting, traces);
    expect(tracesAreSlow(setting)).toBe(false);
    const fromCache = prepareTheory(setting).loss(-0.4, 0.3);
    const direct = prepareTheory({ ...setting, seed: 43 }).loss(-0.4, 0.3);
    expect(Number.isFinite(fromCache)).toBe(true);
    expect(fromCache).not.toBe(direct); // a different draw gives a different Σ
    expect(tracesAreSlow({ ...setting, nu: 0.6 })).toBe(true); // Σw scales with ν²
  });
});
