import { describe, expect, it } from 'vitest';
import { buildCovariances } from '../../../src/core/covariance';
import { createRng } from '../../../src/core/rng';
import {
  conditionalTestLoss,
  conditionalTestLossQuadratic,
  hShorthand,
} from '../../../src/core/theory';
import { fig2, relErr, setting } from './helpers';
import { hMatrix, matMul, tr } from './matrixHelpers';

describe('conditionalTestLoss', () => {
  it('isotropic: σ²/2 (1 + α_r² p/n_r) + h_r/2 (ν² + |d|²); a diag Σ = I gives the same', () => {
    const d = Float64Array.from({ length: 60 }, (_, i) => Math.sin(3 * i) / 7);
    const d2 = d.reduce((s, v) => s + v * v, 0);
    const cov = buildCovariances({ ...setting(fig2), cov: 'diag', sx: [1, 1], sw: [1, 1] });
    for (const ar of [-1, 0, 0.3, 2]) {
      const expected = 0.5 * (1 + (ar * ar * 60) / 20) + (hShorthand(ar, 60, 20) / 2) * (0.25 + d2);
      expect(relErr(conditionalTestLoss(d, ar, fig2), expected)).toBeLessThan(1e-14);
      expect(relErr(conditionalTestLoss(d, ar, fig2, cov), expected)).toBeLessThan(1e-13);
    }
  });

  for (const kind of ['wishart', 'diag'] as const) {
    it(`${kind}: equals σ²/2 (1 + α_r² TrΣ²/n_r) + ½ Tr[(Σw + d dᵀ) H_r] with explicit matrices`, () => {
      const p = 7;
      const s = { nr: 4, sigma: 0.7, nu: 1.3 };
      const cov = buildCovariances({ ...setting(fig2), p, nu: s.nu, cov: kind, seed: 4 });
      const d = Float64Array.from({ length: p }, (_, i) => 0.3 - 0.1 * i);
      const ddT = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) ddT[i * p + j] = d[i] * d[j];
      const m = cov.sigmaW.map((v, k) => v + ddT[k]);
      const trS2 = tr(matMul(cov.sigma, cov.sigma, p), p);
      for (const ar of [-0.8, 0, 0.25, 1.7]) {
        const hr = hMatrix(cov.sigma, p, ar, s.nr);
        const expected =
          (s.sigma ** 2 / 2) * (1 + (ar * ar * trS2) / s.nr) + 0.5 * tr(matMul(m, hr, p), p);
        expect(relErr(conditionalTestLoss(d, ar, s, cov), expected)).toBeLessThan(1e-12);
      }
      const q = conditionalTestLossQuadratic(d, s, cov);
      expect(q[2]).toBeGreaterThan(0);
    });
  }

  it('Monte Carlo of adaptation on n_r points and the expected test error (Wishart, p = 4)', () => {
    // Independent check of F = 2Σ³ + Σ TrΣ² (Isserlis): draw w ~ N(w0, Σw), X_r, z_r; adapt
    // θ = ω − (α_r/n_r) X_rᵀ(X_r ω − y_r); the test error given θ, w is ½(σ² + (w − θ)ᵀΣ(w − θ)).
    const p = 4;
    const s = { nr: 3, sigma: 0.5, nu: 1.1 };
    const ar = 0.6;
    const cov = buildCovariances({ ...setting(fig2), p, nu: s.nu, cov: 'wishart', seed: 12 });
    const w0 = 0.2;
    const omega = Float64Array.from([0.5, -0.3, 0.1, 0.9]);
    const d = omega.map((v) => v - w0);
    const rng = createRng(2024, 99);
    const n = 200_000;
    const z = new Float64Array(p);
    const w = new Float64Array(p);
    const x = new Float64Array(s.nr * p);
    const y = new Float64Array(s.nr);
    const grad = new Float64Array(p);
    const e = new Float64Array(p);
    let sum = 0;
    let sumSq = 0;
    const applyFactor = (l: Float64Array, src: Float64Array, dst: Float64Array, off: number) => {
      for (let i = 0; i < p; i++) {
        let v = 0;
        for (let k = 0; k < p; k++) v += l[i * p + k] * src[k];
        dst[off + i] = v;
      }
    };
    for (let t = 0; t < n; t++) {
      rng.fillNormal(z);
      applyFactor(cov.sigmaWFactor, z, w, 0);
      for (let i = 0; i < p; i++) w[i] += w0;
      for (let r = 0; r < s.nr; r++) {
        rng.fillNormal(z);
        applyFactor(cov.sigmaFactor, z, x, r * p);
        let v = s.sigma * rng.normal();
        for (let i = 0; i < p; i++) v += x[r * p + i] * w[i];
        y[r] = v;
      }
      grad.fill(0);
      for (let r = 0; r < s.nr; r++) {
        let res = -y[r];
        for (let i = 0; i < p; i++) res += x[r * p + i] * omega[i];
        for (let i = 0; i < p; i++) grad[i] += x[r * p + i] * res;
      }
      for (let i = 0; i < p; i++) e[i] = w[i] - (omega[i] - (ar / s.nr) * grad[i]);
      let q = 0;
      for (let i = 0; i < p; i++)
        for (let k = 0; k < p; k++) q += e[i] * cov.sigma[i * p + k] * e[k];
      const loss = 0.5 * (s.sigma * s.sigma + q);
      sum += loss;
      sumSq += loss * loss;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / (n - 1));
    const exact = conditionalTestLoss(d, ar, s, cov);
    expect(Math.abs(mean - exact) / se).toBeLessThan(4.5);
  });

  it('rejects a d of the wrong length', () => {
    const cov = buildCovariances({ ...setting(fig2), p: 5, cov: 'diag' });
    expect(() => conditionalTestLoss(new Float64Array(4), 0.2, fig2, cov)).toThrow();
  });
});
