/**
 * Dense products whose result is known to be symmetric, on row-major p×p Float64Arrays.
 *
 * C = scale · A Bᵀ, i.e. C_ij = scale · (row i of A)·(row j of B). This covers the Gram matrix
 * G Gᵀ (A = B = G) and powers of a symmetric matrix (Σ² = Σ Σᵀ, Σ³ = Σ² Σᵀ), whose results are
 * symmetric, so only i ≤ j is computed and mirrored: p³/2 multiply-adds. Rows are read
 * contiguously (cache-friendly) and a 2×2 register block halves the loads per multiply-add.
 */
export function symmetricProductABt(
  a: Float64Array,
  b: Float64Array,
  p: number,
  scale = 1,
  out: Float64Array = new Float64Array(p * p),
): Float64Array {
  if (a.length !== p * p || b.length !== p * p || out.length !== p * p) {
    throw new Error(`symmetricProductABt: expected ${p}×${p} matrices`);
  }
  let i = 0;
  for (; i + 1 < p; i += 2) {
    const ai0 = i * p;
    const ai1 = ai0 + p;
    let j = i;
    for (; j + 1 < p; j += 2) {
      const bj0 = j * p;
      const bj1 = bj0 + p;
      let c00 = 0;
      let c01 = 0;
      let c10 = 0;
      let c11 = 0;
      for (let k = 0; k < p; k++) {
        const x0 = a[ai0 + k];
        const x1 = a[ai1 + k];
        const y0 = b[bj0 + k];
        const y1 = b[bj1 + k];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c10 += x1 * y0;
        c11 += x1 * y1;
      }
      // For j = i the block straddles the diagonal: c10 is C_{i+1,i}, the mirror of c01 (equal
      // when the product is symmetric), so the pair is written once from c01.
      out[i * p + j] = scale * c00;
      out[i * p + j + 1] = scale * c01;
      out[(i + 1) * p + j + 1] = scale * c11;
      if (j !== i) out[(i + 1) * p + j] = scale * c10;
    }
    if (j < p) {
      // last column when p is odd
      const bj0 = j * p;
      let c0 = 0;
      let c1 = 0;
      for (let k = 0; k < p; k++) {
        const y = b[bj0 + k];
        c0 += a[ai0 + k] * y;
        c1 += a[ai1 + k] * y;
      }
      out[i * p + j] = scale * c0;
      out[(i + 1) * p + j] = scale * c1;
    }
  }
  if (i < p) {
    // last row (p odd): only its diagonal entry lies in the upper triangle
    const ai = i * p;
    let c = 0;
    for (let k = 0; k < p; k++) c += a[ai + k] * b[ai + k];
    out[i * p + i] = scale * c;
  }
  // mirror the upper triangle into the lower one
  for (let r = 0; r < p; r++) {
    for (let c = r + 1; c < p; c++) out[c * p + r] = out[r * p + c];
  }
  return out;
}

/** Frobenius inner product ⟨A, B⟩ = Σ_ij A_ij B_ij = Tr(AᵀB) (= Tr(AB) for symmetric A or B). */
export function frobeniusInner(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** Trace of a row-major p×p matrix. */
export function trace(a: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}
