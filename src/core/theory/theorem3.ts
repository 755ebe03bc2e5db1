/**
 * Theorem 3 (Bernacchia 2021 §3, general covariances; theory.md §1): p > n_v·m, zero means
 * (w0 = ω0 = 0), any Σ and Σw, Gaussian x:
 *   L = ½Tr(Σw H_r) + σ²/2 [1 + α_r² TrΣ²/n_r]
 *       + ½ n_v m Tr(H_r H_t)/Tr(H_t)² · {Tr(Σw H_t) + σ² [1 + α_t² TrΣ²/n_t]},
 * H = Σ(I − αΣ)² + α²/n (F − Σ³) = c0 Σ + c1 Σ² + c2 Σ³ (shorthands.ts), so every trace is a
 * precomputed TrΣ^k or Tr(Σw Σ^k) (traces.ts).
 */
import { polyAdd, polyEval, polyMul, polyScale, type Poly } from './polynomial';
import { hMatrixCoefficientPolys, hMatrixCoefficients } from './shorthands';
import type { SpectralTraces } from './traces';
import type { ModelSizes } from './types';

type Sizes = Pick<ModelSizes, 'm' | 'nt' | 'nv' | 'nr' | 'sigma'>;

/** Tr(Σ^j H) for H = c0 Σ + c1 Σ² + c2 Σ³: Σ_i c_i TrΣ^{i+1+j}. */
function trSigmaPowH(tr: SpectralTraces, c: readonly number[], j: number): number {
  const t = tr.trSigmaPow;
  return c[0] * t[1 + j] + c[1] * t[2 + j] + c[2] * t[3 + j];
}

/** Tr(Σw H). */
function trSigmaWH(tr: SpectralTraces, c: readonly number[]): number {
  const w = tr.trSigmaWSigmaPow;
  return c[0] * w[1] + c[1] * w[2] + c[2] * w[3];
}

/** Tr(H_r H_t) = Σ_ij r_i q_j TrΣ^{i+j+2}. */
function trHH(tr: SpectralTraces, r: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < 3; i++) s += r[i] * trSigmaPowH(tr, q, i + 1);
  return s;
}

/** The weight c = n_v m {Tr(Σw H_t) + σ²[1 + α_t² TrΣ²/n_t]}/Tr(H_t)² of H_t in M = Σw + c H_t. */
export function theorem3HtWeight(s: Sizes, tr: SpectralTraces, alphaT: number): number {
  const t2 = tr.trSigmaPow[2];
  const q = hMatrixCoefficients(alphaT, s.nt, t2);
  const trHt = trSigmaPowH(tr, q, 0);
  const noise = s.sigma * s.sigma * (1 + (alphaT * alphaT * t2) / s.nt);
  return (s.nv * s.m * (trSigmaWH(tr, q) + noise)) / (trHt * trHt);
}

/** Theorem 3, term by term as printed (corrected forms of theory.md §1). */
export function theorem3Loss(s: Sizes, tr: SpectralTraces, alphaT: number, alphaR: number): number {
  const t2 = tr.trSigmaPow[2];
  const r = hMatrixCoefficients(alphaR, s.nr, t2);
  const q = hMatrixCoefficients(alphaT, s.nt, t2);
  const s2 = s.sigma * s.sigma;
  const trHt = trSigmaPowH(tr, q, 0);
  return (
    0.5 * trSigmaWH(tr, r) +
    (s2 / 2) * (1 + (alphaR * alphaR * t2) / s.nr) +
    ((0.5 * s.nv * s.m * trHH(tr, r, q)) / (trHt * trHt)) *
      (trSigmaWH(tr, q) + s2 * (1 + (alphaT * alphaT * t2) / s.nt))
  );
}

/**
 * Theorem 3 along α_t at fixed α_r: L = base + ½ n_v m · A(α_t) B(α_t)/T(α_t)² with polynomials
 * A = Tr(Σw H_t) + σ²(1 + α_t² TrΣ²/n_t), B = Tr(H_r H_t), T = Tr(H_t) (degree ≤ 2 each). T > 0,
 * B ≥ 0, so the argmin over α_t is that of A·B/T² (argmin.ts).
 */
export interface Theorem3AlphaTForm {
  base: number;
  weight: number;
  numerator: Poly; // A·B
  denominator: Poly; // T (squared in the loss)
}

export function theorem3AlphaTForm(
  s: Sizes,
  tr: SpectralTraces,
  alphaR: number,
): Theorem3AlphaTForm {
  const t2 = tr.trSigmaPow[2];
  const r = hMatrixCoefficients(alphaR, s.nr, t2);
  const qp = hMatrixCoefficientPolys(s.nt, t2);
  const t = tr.trSigmaPow;
  const w = tr.trSigmaWSigmaPow;
  const s2 = s.sigma * s.sigma;
  // Σ_j (coefficient of Σ^{j+1} in H_t) · x_j for a per-power vector x
  const combine = (x: (j: number) => number) =>
    polyAdd(polyScale(qp[0], x(0)), polyScale(qp[1], x(1)), polyScale(qp[2], x(2)));
  const trHt = combine((j) => t[j + 1]);
  const a = polyAdd(
    combine((j) => w[j + 1]),
    [s2, 0, (s2 * t2) / s.nt],
  );
  const b = combine((j) => r[0] * t[j + 2] + r[1] * t[j + 3] + r[2] * t[j + 4]);
  return {
    base: 0.5 * trSigmaWH(tr, r) + (s2 / 2) * (1 + (alphaR * alphaR * t2) / s.nr),
    weight: 0.5 * s.nv * s.m,
    numerator: polyMul(a, b),
    denominator: trHt,
  };
}

/** Evaluates a Theorem3AlphaTForm at α_t. */
export function evalTheorem3AlphaTForm(f: Theorem3AlphaTForm, alphaT: number): number {
  const d = polyEval(f.denominator, alphaT);
  return f.base + (f.weight * polyEval(f.numerator, alphaT)) / (d * d);
}

/**
 * Theorem 3 along α_r at fixed α_t: L is quadratic in α_r, L = ½Tr(M H_r) + σ²/2 (1 + α_r² TrΣ²/n_r)
 * with M = Σw + c H_t; returns the moments E_k = Tr(M Σ^k), k = 1, 2, 3 (adaptationLossQuadratic).
 */
export function theorem3MMoments(
  s: Sizes,
  tr: SpectralTraces,
  alphaT: number,
): [number, number, number] {
  const c = theorem3HtWeight(s, tr, alphaT);
  const q = hMatrixCoefficients(alphaT, s.nt, tr.trSigmaPow[2]);
  const w = tr.trSigmaWSigmaPow;
  return [
    w[1] + c * trSigmaPowH(tr, q, 1),
    w[2] + c * trSigmaPowH(tr, q, 2),
    w[3] + c * trSigmaPowH(tr, q, 3),
  ];
}
