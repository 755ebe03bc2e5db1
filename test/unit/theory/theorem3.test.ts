import { describe, expect, it } from 'vitest';
import { buildCovariances } from '../../../src/core/covariance';
import {
  denseTraces,
  diagonalTraces,
  eq8AlphaTStationaryPoints,
  covarianceTraces,
  optimalAlphaRTheorem1,
  optimalAlphaRTheorem3,
  optimalAlphaTTheorem3,
  theorem1Loss,
  theorem3AlphaTForm,
  theorem3Loss,
  theorem3MMoments,
  evalTheorem3AlphaTForm,
  adaptationLossQuadratic,
  type ModelSizes,
  type SpectralTraces,
} from '../../../src/core/theory';

import { fig2, linspace, relErr, setting } from './helpers';
import { hMatrix, identity, matMul, tr } from './matrixHelpers';

const EPS = Number.EPSILON;

/** Cancellation factor (|c0| + |c1| + |c2|)/(c0 + c1 + c2) of H's coefficients at Σ = I (= h). */
function kappa(alpha: number, p: number, n: number): number {
  const c = [1 + (alpha * alpha * p) / n, -2 * alpha, alpha * alpha * (1 + 1 / n)];
  return (Math.abs(c[0]) + Math.abs(c[1]) + Math.abs(c[2])) / (c[0] + c[1] + c[2]);
}

/**
 * Tolerance of Theorem 3 (Σ = I, Σw = ν²/p I) vs Theorem 1. Both are exact rewritings, so they
 * differ by rounding only: (i) each trace is a sum of p terms (naive summation: relative error up to
 * ~(p−1)ε) and (ii) Theorem 3 forms h_t, h_r as c0 + c1 + c2, which cancels when h is small,
 * amplifying rounding by κ = Σ|c_i|/h for each of H_t, H_r. Over 10⁵ random settings (p ≤ 1000,
 * n ≤ 1000, α_t ∈ [−3, 3], α_r ∈ [−1, 2]) the largest error was 0.34 ε (p + κ_r κ_t) (at most
 * 119 ε ≈ 2.6e−14 in absolute relative terms); the test allows 4 ε (p + κ_r κ_t).
 */
function thm3VsThm1Tol(s: ModelSizes, at: number, ar: number): number {
  return 4 * EPS * (s.p + kappa(ar, s.p, s.nr) * kappa(at, s.p, s.nt));
}

function isoTraces(s: ModelSizes, dense: boolean): SpectralTraces {
  if (!dense) {
    return diagonalTraces(
      new Float64Array(s.p).fill(1),
      new Float64Array(s.p).fill((s.nu * s.nu) / s.p),
    );
  }
  const sw = identity(s.p).map((v) => (v * s.nu * s.nu) / s.p);
  return denseTraces(identity(s.p), sw, s.p);
}

const isoSettings: ModelSizes[] = [
  fig2,
  { ...fig2, p: 500, m: 10, nt: 1, nr: 1000 },
  { ...fig2, p: 7, m: 1, nv: 3, nt: 900, nr: 2, sigma: 0.1, nu: 3 },
  { p: 50, m: 1, nt: 40, nv: 2, nr: 40, sigma: 0.5, nu: 0.5, w0: 0, omega0: 0 },
  { p: 1000, m: 5, nt: 100, nv: 10, nr: 50, sigma: 2, nu: 0.1, w0: 0, omega0: 0 },
];

describe('Theorem 3 reduces to Theorem 1 at Σ = I, Σw = ν²/p I', () => {
  for (const s of isoSettings) {
    for (const dense of [false, true]) {
      if (dense && s.p > 200) continue;
      it(`p = ${s.p}, nt = ${s.nt}, nr = ${s.nr} (${dense ? 'dense' : 'diagonal'} traces)`, () => {
        const traces = isoTraces(s, dense);
        for (const at of linspace(-3, 3, 25))
          for (const ar of linspace(-1, 2, 13)) {
            const l1 = theorem1Loss(s, at, ar);
            expect(relErr(theorem3Loss(s, traces, at, ar), l1)).toBeLessThan(
              thm3VsThm1Tol(s, at, ar),
            );
          }
        for (const at of linspace(-3, 3, 25)) {
          const a1 = optimalAlphaRTheorem1(s, at)!;
          const tol = 4 * EPS * (s.p + kappa(at, s.p, s.nt));
          expect(relErr(optimalAlphaRTheorem3(s, traces, at)!, a1)).toBeLessThan(tol);
        }
        // Theorem 1's argmin is Eq. 8's α_t⁻ for every α_r; Theorem 3's exact argmin must agree.
        const minus = eq8AlphaTStationaryPoints(s.p, s.nt).minus;
        for (const ar of [-0.5, 0.2, 1.5]) {
          expect(relErr(optimalAlphaTTheorem3(s, traces, ar)!, minus)).toBeLessThan(1e-9);
        }
      });
    }
  }
});

describe('traces', () => {
  it('denseTraces equals naive matrix powers (Wishart p = 9) and the diagonal path', () => {
    const cov = buildCovariances({ ...setting(fig2), cov: 'wishart', p: 9, seed: 5 });
    const t = denseTraces(cov.sigma, cov.sigmaW, 9);
    let pow = identity(9);
    for (let k = 0; k <= 6; k++) {
      expect(relErr(t.trSigmaPow[k], tr(pow, 9))).toBeLessThan(1e-12);
      if (k <= 3)
        expect(relErr(t.trSigmaWSigmaPow[k], tr(matMul(cov.sigmaW, pow, 9), 9))).toBeLessThan(
          1e-12,
        );
      pow = matMul(pow, cov.sigma, 9);
    }
    const diag = buildCovariances({ ...setting(fig2), cov: 'diag', p: 11 });
    const a = covarianceTraces(diag);
    const b = denseTraces(diag.sigma, diag.sigmaW, 11);
    for (let k = 0; k <= 6; k++)
      expect(relErr(a.trSigmaPow[k], b.trSigmaPow[k])).toBeLessThan(1e-13);
    for (let k = 0; k <= 3; k++)
      expect(relErr(a.trSigmaWSigmaPow[k], b.trSigmaWSigmaPow[k])).toBeLessThan(1e-13);
  });
});

describe('Theorem 3 against its definition with explicit matrices', () => {
  for (const cov of ['wishart', 'diag'] as const) {
    it(`${cov}: traces of explicit H_t, H_r (F = 2Σ³ + Σ TrΣ²)`, () => {
      const p = 8;
      const s = { ...fig2, p, m: 2, nv: 3, nt: 5, nr: 4 };
      const c = buildCovariances({ ...setting(s), cov, seed: 3 });
      const traces = covarianceTraces(c);
      for (const at of [-1.3, -0.2, 0, 0.4, 2])
        for (const ar of [-0.7, 0, 0.3, 1.8]) {
          const ht = hMatrix(c.sigma, p, at, s.nt);
          const hr = hMatrix(c.sigma, p, ar, s.nr);
          const trS2 = tr(matMul(c.sigma, c.sigma, p), p);
          const trHt = tr(ht, p);
          const expected =
            0.5 * tr(matMul(c.sigmaW, hr, p), p) +
            ((s.sigma * s.sigma) / 2) * (1 + (ar * ar * trS2) / s.nr) +
            ((0.5 * s.nv * s.m * tr(matMul(hr, ht, p), p)) / (trHt * trHt)) *
              (tr(matMul(c.sigmaW, ht, p), p) + s.sigma * s.sigma * (1 + (at * at * trS2) / s.nt));
          expect(relErr(theorem3Loss(s, traces, at, ar), expected)).toBeLessThan(1e-12);
          // the α_t form (polynomials) and the α_r quadratic (moments of M) give the same loss
          const form = theorem3AlphaTForm(s, traces, ar);
          expect(relErr(evalTheorem3AlphaTForm(form, at), expected)).toBeLessThan(1e-12);
          const [e1, e2, e3] = theorem3MMoments(s, traces, at);
          const [q0, q1, q2] = adaptationLossQuadratic(e1, e2, e3, trS2, s.sigma, s.nr);
          expect(relErr(q0 + ar * (q1 + ar * q2), expected)).toBeLessThan(1e-12);
        }
    });
  }
});
