/**
 * Modified Gram–Schmidt (two passes) of p-vectors, dropping those already in the span (norm left
 * ≤ 1e-9 of the largest input): an orthonormal basis of their span, in input order. Used by the
 * reduced samplers, which draw Gaussian data only in the few directions that matter.
 */
function norm(x: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

export function orthonormalBasis(vectors: readonly Float64Array[], p: number): Float64Array[] {
  let maxNorm = 0;
  for (const x of vectors) maxNorm = Math.max(maxNorm, norm(x, p));
  const basis: Float64Array[] = [];
  for (const x of vectors) {
    const w = Float64Array.from(x.subarray(0, p));
    for (let pass = 0; pass < 2; pass++)
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < p; i++) dot += b[i] * w[i];
        for (let i = 0; i < p; i++) w[i] -= dot * b[i];
      }
    const n = norm(w, p);
    if (n > 1e-9 * maxNorm && n > 0) {
      for (let i = 0; i < p; i++) w[i] /= n;
      basis.push(w);
    }
  }
  return basis;
}
