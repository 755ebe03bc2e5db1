import { describe, expect, it } from 'vitest';
import {
  buildCovariances,
  type CovarianceSetting,
  type Covariances,
} from '../../../src/core/covariance';

const base: CovarianceSetting = {
  p: 7,
  nu: 0.5,
  cov: 'iso',
  sx: [0.25, 1.75],
  sw: [1.75, 0.25],
  seed: 1,
};

/** L Lᵀ by a naive loop (independent of the library's product). */
function factorProduct(l: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += l[i * p + k] * l[j * p + k];
      c[i * p + j] = s;
    }
  return c;
}

function expectClose(a: Float64Array, b: Float64Array, tol: number) {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(tol);
}

function expectFactorsConsistent(c: Covariances) {
  expectClose(factorProduct(c.sigmaFactor, c.p), c.sigma, 1e-12);
  expectClose(factorProduct(c.sigmaWFactor, c.p), c.sigmaW, 1e-12);
  for (let i = 0; i < c.p; i++)
    for (let j = 0; j < c.p; j++) {
      expect(c.sigma[i * c.p + j]).toBe(c.sigma[j * c.p + i]);
      expect(c.sigmaW[i * c.p + j]).toBe(c.sigmaW[j * c.p + i]);
    }
}

describe('buildCovariances', () => {
  it('iso: Σ = I, Σw = ν²/p I', () => {
    const c = buildCovariances({ ...base, cov: 'iso' });
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 7; j++) {
        expect(c.sigma[i * 7 + j]).toBe(i === j ? 1 : 0);
        expect(c.sigmaW[i * 7 + j]).toBeCloseTo(i === j ? 0.25 / 7 : 0, 15);
      }
    expectFactorsConsistent(c);
  });

  it('diag: linearly spaced spectra, scaled by ν²/p for Σw', () => {
    const c = buildCovariances({ ...base, cov: 'diag', p: 5, sx: [1, 3], sw: [2, 0] });
    const dx = [1, 1.5, 2, 2.5, 3];
    const dw = [2, 1.5, 1, 0.5, 0].map((v) => (v * 0.25) / 5);
    for (let i = 0; i < 5; i++) {
      expect(c.sigma[i * 5 + i]).toBeCloseTo(dx[i], 15);
      expect(c.sigmaW[i * 5 + i]).toBeCloseTo(dw[i], 15);
    }
    expectFactorsConsistent(c);
    const one = buildCovariances({ ...base, cov: 'diag', p: 1, sx: [0.3, 9], sw: [4, 9] });
    expect(one.sigma[0]).toBe(0.3);
    expect(one.sigmaW[0]).toBeCloseTo((4 * 0.25) / 1, 15);
  });

  it('wishart: factors reproduce the matrices; deterministic per seed', () => {
    const c = buildCovariances({ ...base, cov: 'wishart', p: 9, seed: 3 });
    expectFactorsConsistent(c);
    const sigma = c.sigma.slice();
    buildCovariances({ ...base, cov: 'wishart', p: 9, seed: 4 }); // evicts the memo
    const again = buildCovariances({ ...base, cov: 'wishart', p: 9, seed: 3 });
    expect(again.sigma).toEqual(sigma);
    const other = buildCovariances({ ...base, cov: 'wishart', p: 9, seed: 4 });
    expect(other.sigma).not.toEqual(sigma);
  });

  it('wishart: E Σ = I, E Σw = ν²/p I, within sampling error at p = 200', () => {
    // Σ_ij = (1/p) Σ_k G_ik G_jk: diagonal ~ 1 ± √(2/p), off-diagonal ~ 0 ± √(1/p). Averages
    // over the p diagonal / p(p−1) off-diagonal entries have standard errors √2/p and ~1/p^{3/2}.
    const p = 200;
    const nu = 0.7;
    const c = buildCovariances({ ...base, cov: 'wishart', p, nu, seed: 11 });
    let diag = 0;
    let off = 0;
    let offSq = 0;
    let diagW = 0;
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        const v = c.sigma[i * p + j];
        if (i === j) {
          diag += v;
          diagW += c.sigmaW[i * p + j];
        } else {
          off += v;
          offSq += v * v;
        }
      }
    expect(Math.abs(diag / p - 1)).toBeLessThan((4 * Math.SQRT2) / p);
    expect(Math.abs(diagW / p / ((nu * nu) / p) - 1)).toBeLessThan((4 * Math.SQRT2) / p);
    // off-diagonal entries are correlated through shared rows; use a generous 4/p bound
    expect(Math.abs(off / (p * (p - 1)))).toBeLessThan(4 / p);
    // their variance is 1/p
    expect(offSq / (p * (p - 1)) / (1 / p)).toBeCloseTo(1, 1);
  });

  it('wishart: a change of ν keeps the draw (same Σ array) and rescales Σw by ν²', () => {
    const a = buildCovariances({ ...base, cov: 'wishart', p: 8, seed: 6, nu: 0.5 });
    const wA = a.sigmaW.slice();
    const b = buildCovariances({ ...base, cov: 'wishart', p: 8, seed: 6, nu: 1.5 });
    expect(b.sigma).toBe(a.sigma);
    for (let k = 0; k < wA.length; k++) expect(b.sigmaW[k]).toBeCloseTo(9 * wA[k], 14);
    expectFactorsConsistent(b);
  });

  it('memoizes the last result, keyed by the fields the kind uses', () => {
    const a = buildCovariances({ ...base, cov: 'wishart', p: 6, seed: 2 });
    const b = buildCovariances({ ...base, cov: 'wishart', p: 6, seed: 2, sx: [1, 2] });
    expect(b).toBe(a);
    const c = buildCovariances({ ...base, cov: 'wishart', p: 6, seed: 2, nu: 0.9 });
    expect(c).not.toBe(a);
  });
});
