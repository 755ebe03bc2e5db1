import type { MetaTrainingDraw } from './draws';

/**
 * The outer loop of MAML solved exactly (theory.md §1). Stacking the m tasks,
 * B = P − αt Q and γ = g − αt q are affine in αt, with
 * P = X_v, Q_i = X_v(i) X_t(i)ᵀ X_t(i)/n_t, g = y_v, q_i = X_v(i) X_t(i)ᵀ y_t(i)/n_t.
 * So for a sweep over αt on the same draws the Gram pieces are computed once, and each αt costs one
 * small SPD solve A(α) x = b(α) with A(α) = A0 − α A1 + α² A2, b(α) = b0 − α b1 + α² b2.
 */
export interface OuterPieces {
  /** N = n_v·m rows. */
  n: number;
  /**
   * Coordinates per row: the dimension p, or fewer when the pieces were sampled in a reduced frame
   * (reducedMetaTraining.ts); only inner products and `one` are used downstream.
   */
  p: number;
  /** The all-ones p-vector (1, …, 1) in these coordinates (|one|² = p). */
  one: Float64Array;
  P: Float64Array;
  Q: Float64Array;
  g: Float64Array;
  q: Float64Array;
}

export interface OuterSystem {
  /** p > n_v·m: minimum-distance solution ω* = ω0 + Bᵀ(BBᵀ)⁻¹(γ − Bω0), unknown c = (BBᵀ)⁻¹(γ − Bω0). */
  overparameterized: boolean;
  /** Size of the solved system: N (over) or p (under: least squares ω* = (BᵀB)⁻¹Bᵀγ). */
  dim: number;
  a: [Float64Array, Float64Array, Float64Array];
  b: [Float64Array, Float64Array, Float64Array];
}

export function outerPieces(
  d: MetaTrainingDraw,
  s: { p: number; m: number; nt: number; nv: number },
): OuterPieces {
  const { p, m, nt, nv } = s;
  const n = nv * m;
  const Q = new Float64Array(n * p);
  const q = new Float64Array(n);
  const xxt = new Float64Array(nt);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < nv; r++) {
      const row = i * nv + r;
      // (X_v X_tᵀ) row, then times X_t and y_t.
      for (let k = 0; k < nt; k++) {
        let acc = 0;
        const tk = (i * nt + k) * p;
        for (let j = 0; j < p; j++) acc += d.xv[row * p + j] * d.xt[tk + j];
        xxt[k] = acc / nt;
      }
      let qa = 0;
      for (let k = 0; k < nt; k++) {
        const c = xxt[k];
        const tk = (i * nt + k) * p;
        for (let j = 0; j < p; j++) Q[row * p + j] += c * d.xt[tk + j];
        qa += c * d.yt[i * nt + k];
      }
      q[row] = qa;
    }
  }
  return { n, p, P: d.xv, Q, g: d.yv, q, one: new Float64Array(p).fill(1) };
}

/** Σ_j x[i,j] y[k,j] for row-major x (rx×p), y (ry×p) → rx×ry. */
function rowGram(x: Float64Array, y: Float64Array, rx: number, ry: number, p: number) {
  const out = new Float64Array(rx * ry);
  for (let i = 0; i < rx; i++)
    for (let k = 0; k < ry; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j] * y[k * p + j];
      out[i * ry + k] = s;
    }
  return out;
}

/** Σ_r x[r,i] y[r,k] → p×p (column Gram); for x = y only the upper triangle is summed, then mirrored. */
function colGram(x: Float64Array, y: Float64Array, n: number, p: number) {
  const out = new Float64Array(p * p);
  const same = x === y;
  for (let r = 0; r < n; r++) {
    const ro = r * p;
    for (let i = 0; i < p; i++) {
      const xi = x[ro + i];
      if (xi === 0) continue;
      const o = i * p;
      for (let k = same ? i : 0; k < p; k++) out[o + k] += xi * y[ro + k];
    }
  }
  if (same) for (let i = 0; i < p; i++) for (let k = 0; k < i; k++) out[i * p + k] = out[k * p + i];
  return out;
}

function symmetrized(a: Float64Array, n: number): Float64Array {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) s[i * n + k] = a[i * n + k] + a[k * n + i];
  return s;
}

export function outerSystem(pc: OuterPieces, omega0: number): OuterSystem {
  const { n, p, P, Q, g, q } = pc;
  if (p > n) {
    const { p: pw, q: qw } = outerRowSums(pc);
    return {
      overparameterized: true,
      dim: n,
      a: [rowGram(P, P, n, n, p), symmetrized(rowGram(P, Q, n, n, p), n), rowGram(Q, Q, n, n, p)],
      b: [
        g.map((gi, i) => gi - omega0 * pw[i]),
        q.map((qi, i) => qi - omega0 * qw[i]),
        new Float64Array(n),
      ],
    };
  }
  const tv = (x: Float64Array, v: Float64Array) => {
    const out = new Float64Array(p);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) out[j] += x[r * p + j] * v[r];
    return out;
  };
  const ptq = tv(P, q);
  const qtg = tv(Q, g);
  return {
    overparameterized: false,
    dim: p,
    a: [colGram(P, P, n, p), symmetrized(colGram(P, Q, n, p), p), colGram(Q, Q, n, p)],
    b: [tv(P, g), ptq.map((v, i) => v + qtg[i]), tv(Q, q)],
  };
}

/** A(α) and b(α) of the system at α = αt. */
export function assembleOuterSystem(
  sys: OuterSystem,
  alpha: number,
  aOut: Float64Array,
  bOut: Float64Array,
) {
  const [a0, a1, a2] = sys.a;
  const [b0, b1, b2] = sys.b;
  const al2 = alpha * alpha;
  for (let i = 0; i < a0.length; i++) aOut[i] = a0[i] - alpha * a1[i] + al2 * a2[i];
  for (let i = 0; i < b0.length; i++) bOut[i] = b0[i] - alpha * b1[i] + al2 * b2[i];
}

/** d = ω* − w0 from the solution x of the system at α (p-vector, into out). */
export function deviationFromSolution(
  pc: OuterPieces,
  sys: OuterSystem,
  x: Float64Array,
  alpha: number,
  w0: number,
  omega0: number,
  out: Float64Array,
): Float64Array {
  const { n, p, P, Q, one } = pc;
  if (!sys.overparameterized) {
    for (let j = 0; j < p; j++) out[j] = x[j] - w0 * one[j];
    return out;
  }
  // ω* − w0 = (ω0 − w0) + Bᵀc with Bᵀc = Pᵀc − α Qᵀc.
  for (let j = 0; j < p; j++) out[j] = (omega0 - w0) * one[j];
  for (let r = 0; r < n; r++) {
    const cp = x[r];
    const cq = -alpha * x[r];
    for (let j = 0; j < p; j++) out[j] += cp * P[r * p + j] + cq * Q[r * p + j];
  }
  return out;
}

/** Row sums P·1 and Q·1 (the pieces of B e for a constant vector e). */
export function outerRowSums(pc: OuterPieces): { p: Float64Array; q: Float64Array } {
  const { n, p, one } = pc;
  const sum = (x: Float64Array) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j] * one[j];
      v[i] = s;
    }
    return v;
  };
  return { p: sum(pc.P), q: sum(pc.Q) };
}

/**
 * |ω* − w0|² for p > N from the Gram pieces alone (O(N) instead of O(Np) per αt): with
 * e = (ω0 − w0)·1 and ω* − w0 = e + Bᵀc, |d|² = p(ω0 − w0)² + 2(ω0 − w0) cᵀ(P1 − αQ1) + cᵀA(α)c,
 * since BBᵀ = A(α) = A0 − αA1 + α²A2, and cᵀA(α)c = cᵀb(α) as c solves A(α)c = b(α).
 * c = c[co, co + N).
 */
export function squaredDeviationOverparameterized(
  sys: OuterSystem,
  sums: { p: Float64Array; q: Float64Array },
  c: Float64Array,
  co: number,
  alpha: number,
  { w0, omega0 }: { w0: number; omega0: number },
  p: number,
): number {
  const n = sys.dim;
  const [b0, b1, b2] = sys.b;
  const e = omega0 - w0;
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < n; i++) {
    quad += c[co + i] * (b0[i] - alpha * (b1[i] - alpha * b2[i]));
    lin += c[co + i] * (sums.p[i] - alpha * sums.q[i]);
  }
  return p * e * e + 2 * e * lin + quad;
}
