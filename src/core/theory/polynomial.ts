/**
 * Real polynomials as coefficient arrays, lowest degree first: c[0] + c[1] x + c[2] x² + …
 * Used to get the exact stationary points of the theorems' losses along αt (theory.md: "the argmin
 * over α_t … a real root of the derivative's numerator").
 */
export type Poly = readonly number[];

/** Drops exactly-zero leading coefficients (structural cancellations are made exact upstream). */
export function trimPoly(c: Poly): number[] {
  let n = c.length;
  while (n > 0 && c[n - 1] === 0) n--;
  return c.slice(0, n);
}

/** Horner evaluation. */
export function polyEval(c: Poly, x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i];
  return s;
}

export function polyAdd(...ps: Poly[]): number[] {
  const n = Math.max(0, ...ps.map((q) => q.length));
  const out = new Array<number>(n).fill(0);
  for (const q of ps) for (let i = 0; i < q.length; i++) out[i] += q[i];
  return out;
}

export function polyScale(c: Poly, s: number): number[] {
  return c.map((v) => v * s);
}

export function polyMul(a: Poly, b: Poly): number[] {
  if (a.length === 0 || b.length === 0) return [];
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

export function polyDerivative(c: Poly): number[] {
  const out: number[] = [];
  for (let i = 1; i < c.length; i++) out.push(i * c[i]);
  return out;
}

/**
 * Numerator of d/dx [N(x)/h(x)^k] = (N' h − k N h')/h^{k+1}: Σ_ij (i − k j) n_i h_j x^{i+j−1}.
 * Written per pair (i, j) so that the cancellation of the top terms when deg N = k·deg h (a
 * ratio with a finite limit at ±∞, as in Theorems 1–3) is exactly zero, not rounding noise.
 */
export function ratioDerivativeNumerator(n: Poly, h: Poly, k: number): number[] {
  const len = Math.max(0, n.length + h.length - 2);
  const out = new Array<number>(len).fill(0);
  for (let i = 0; i < n.length; i++)
    for (let j = 0; j < h.length; j++) {
      const w = i - k * j;
      if (w !== 0 && i + j >= 1) out[i + j - 1] += w * n[i] * h[j];
    }
  return trimPoly(out);
}

/** A real root where the polynomial changes sign; rising: from negative to positive. */
export interface SignChangeRoot {
  x: number;
  rising: boolean;
}

/** Bisection to adjacent floating-point numbers: exact to rounding, no convergence assumptions. */
function bisect(c: Poly, lo: number, hi: number, fLo: number): number {
  for (;;) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const fMid = polyEval(c, mid);
    if (fMid === 0) return mid;
    if (fMid < 0 === fLo < 0) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
  }
  return Math.abs(polyEval(c, lo)) <= Math.abs(polyEval(c, hi)) ? lo : hi;
}

/**
 * All real roots at which the polynomial changes sign (odd multiplicity), ascending. The
 * sign-changing roots of c' split ℝ into intervals on which c is monotone, so each holds at most
 * one sign change, isolated by the Cauchy bound at the ends and found by bisection. Roots of even
 * multiplicity (touching zero) are not sign changes and are skipped: for a derivative's numerator
 * they are inflection points, never minima.
 */
export function signChangeRoots(poly: Poly): SignChangeRoot[] {
  const c = trimPoly(poly);
  const deg = c.length - 1;
  if (deg < 1) return [];
  const lead = c[deg];
  if (deg === 1) return [{ x: -c[0] / lead + 0, rising: lead > 0 }]; // + 0 turns −0 into 0
  let bound = 0;
  for (let i = 0; i < deg; i++) bound = Math.max(bound, Math.abs(c[i] / lead));
  bound += 1; // Cauchy: every root has |x| < bound
  const breaks = [-bound, ...signChangeRoots(polyDerivative(c)).map((r) => r.x), bound];
  const roots: SignChangeRoot[] = [];
  for (let k = 0; k + 1 < breaks.length; k++) {
    const lo = breaks[k];
    const hi = breaks[k + 1];
    const fLo = polyEval(c, lo);
    const fHi = polyEval(c, hi);
    if (fLo < 0 && fHi > 0) roots.push({ x: bisect(c, lo, hi, fLo), rising: true });
    else if (fLo > 0 && fHi < 0) roots.push({ x: bisect(c, lo, hi, fLo), rising: false });
  }
  return roots;
}
