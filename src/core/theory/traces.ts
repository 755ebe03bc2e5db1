/**
 * The traces Theorem 3 and the conditional loss need (theory.md §1, Theorem 3). With Gaussian x,
 * F − Σ³ = Σ³ + Σ TrΣ², so H = c0 Σ + c1 Σ² + c2 Σ³ and every trace in the loss is TrΣ^k (k ≤ 6)
 * or Tr(Σw Σ^k) (k ≤ 3). Precomputed once per covariance pair; every loss evaluation is then O(1).
 */
import type { Covariances } from '../covariance';
import { frobeniusInner, symmetricProductABt, trace } from '../linalg/symmetricProduct';

export interface SpectralTraces {
  p: number;
  /** trSigmaPow[k] = TrΣ^k, k = 0…6 (TrΣ⁰ = p). */
  trSigmaPow: Float64Array;
  /** trSigmaWSigmaPow[k] = Tr(Σw Σ^k), k = 0…3. */
  trSigmaWSigmaPow: Float64Array;
}

/** Traces for diagonal Σ = diag(dx), Σw = diag(dw): O(p). */
export function diagonalTraces(dx: Float64Array, dw: Float64Array): SpectralTraces {
  const p = dx.length;
  const t = new Float64Array(7);
  const w = new Float64Array(4);
  for (let i = 0; i < p; i++) {
    let pow = 1;
    for (let k = 0; k <= 6; k++) {
      t[k] += pow;
      if (k <= 3) w[k] += dw[i] * pow;
      pow *= dx[i];
    }
  }
  return { p, trSigmaPow: t, trSigmaWSigmaPow: w };
}

/** TrΣ^k (k ≤ 6) with Σ², Σ³ of a dense Σ, kept for the Tr(Σw Σ^k) of any Σw. */
interface SigmaPowers {
  t: Float64Array;
  sigma2: Float64Array;
  sigma3: Float64Array;
}

/** Keyed by the Σ array itself: matrices are never mutated (covariance.ts), so identity suffices. */
const powersMemo = new WeakMap<Float64Array, SigmaPowers>();

/**
 * Two symmetric products, Σ² and Σ³ = Σ² Σ (p³/2 multiply-adds each), then Frobenius inner
 * products: TrΣ³ = ⟨Σ, Σ²⟩, TrΣ⁴ = ‖Σ²‖², TrΣ⁵ = ⟨Σ², Σ³⟩, TrΣ⁶ = ‖Σ³‖².
 */
function sigmaPowers(sigma: Float64Array, p: number): SigmaPowers {
  let pw = powersMemo.get(sigma);
  if (!pw) {
    const sigma2 = symmetricProductABt(sigma, sigma, p);
    const sigma3 = symmetricProductABt(sigma2, sigma, p);
    const t = Float64Array.of(
      p,
      trace(sigma, p),
      frobeniusInner(sigma, sigma),
      frobeniusInner(sigma, sigma2),
      frobeniusInner(sigma2, sigma2),
      frobeniusInner(sigma2, sigma3),
      frobeniusInner(sigma3, sigma3),
    );
    pw = { t, sigma2, sigma3 };
    powersMemo.set(sigma, pw);
  }
  return pw;
}

/**
 * Traces for dense symmetric Σ, Σw (row-major p×p): the powers of Σ once per Σ (p³), then
 * Tr(Σw Σ^k) = ⟨Σw, Σ^k⟩ in O(p²) for each Σw (e.g. when only ν changes).
 */
export function denseTraces(sigma: Float64Array, sigmaW: Float64Array, p: number): SpectralTraces {
  const { t, sigma2, sigma3 } = sigmaPowers(sigma, p);
  const w = Float64Array.of(
    trace(sigmaW, p),
    frobeniusInner(sigmaW, sigma),
    frobeniusInner(sigmaW, sigma2),
    frobeniusInner(sigmaW, sigma3),
  );
  return { p, trSigmaPow: t.slice(), trSigmaWSigmaPow: w };
}

function diagonalOf(a: Float64Array, p: number): Float64Array {
  const d = new Float64Array(p);
  for (let i = 0; i < p; i++) d[i] = a[i * p + i];
  return d;
}

const memo = new WeakMap<Covariances, SpectralTraces>();

/** Traces of a covariance pair, memoized per Covariances object (iso/diag are diagonal: O(p)). */
export function covarianceTraces(cov: Covariances): SpectralTraces {
  let t = memo.get(cov);
  if (!t) {
    t =
      cov.kind === 'wishart'
        ? denseTraces(cov.sigma, cov.sigmaW, cov.p)
        : diagonalTraces(diagonalOf(cov.sigma, cov.p), diagonalOf(cov.sigmaW, cov.p));
    memo.set(cov, t);
  }
  return t;
}
