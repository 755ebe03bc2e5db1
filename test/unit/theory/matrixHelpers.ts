/** Naive dense matrix helpers for brute-force checks (independent of src/core/linalg). */
export function matMul(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[i * p + k] * b[k * p + j];
      c[i * p + j] = s;
    }
  return c;
}

export function matAdd(...terms: [number, Float64Array][]): Float64Array {
  const c = new Float64Array(terms[0][1].length);
  for (const [w, m] of terms) for (let k = 0; k < c.length; k++) c[k] += w * m[k];
  return c;
}

export function identity(p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++) c[i * p + i] = 1;
  return c;
}

export function tr(a: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}

/**
 * H = Σ(I − αΣ)² + α²/n (F − Σ³), F = E[(xᵀΣx) x xᵀ] = 2Σ³ + Σ TrΣ² for Gaussian x (Isserlis),
 * built from explicit matrix products (Theorem 3's definition, not the c0/c1/c2 reduction).
 */
export function hMatrix(sigma: Float64Array, p: number, alpha: number, n: number): Float64Array {
  const iMinus = matAdd([1, identity(p)], [-alpha, sigma]);
  const s2 = matMul(sigma, sigma, p);
  const s3 = matMul(s2, sigma, p);
  const f = matAdd([2, s3], [tr(s2, p), sigma]);
  return matAdd(
    [1, matMul(sigma, matMul(iMinus, iMinus, p), p)],
    [(alpha * alpha) / n, matAdd([1, f], [-1, s3])],
  );
}
