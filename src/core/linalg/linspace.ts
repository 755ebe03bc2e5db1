/**
 * n evenly spaced values from a to b inclusive (a alone when n = 1), as NumPy's linspace. Written
 * as (1 − t)·a + t·b so both ends are exact and a symmetric range's middle is exactly 0 (a + (b − a)·t
 * gives 3.5e-18 for the middle of −0.0225…0.0225, which a page would print).
 */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    out[i] = (1 - t) * a + t * b;
  }
  return out;
}
