import { choleskyFactor } from '../linalg/cholesky';
import { TRAIN_STREAM } from './draws';
import { NormalStream } from './normalStream';
import type { OuterPieces } from './outerSystem';
import type { SimParams } from './types';

type Sizes = Pick<SimParams, 'p' | 'm' | 'nt' | 'nv' | 'sigma' | 'nu' | 'w0' | 'seed'>;

/**
 * Whether the reduced sampler below draws fewer normals than drawing each task's X_t directly
 * (n_t·p): it needs n_t > n_v + 1 (else MᵀM below is singular) and pays when
 * (n_t + p)(n_v + 1) < n_t·p — e.g. Fig. 2 (p = 60, n_t = 30, n_v = 2).
 */
export function reducedMetaTrainingPays(s: Pick<SimParams, 'p' | 'nt' | 'nv'>): boolean {
  const k = s.nv + 1;
  return s.nt > k && (s.nt + s.p) * k < s.nt * s.p;
}

/**
 * The outer-loop pieces P, Q, g, q of one run (outerSystem.ts) for isotropic inputs (Σ = I,
 * Σw = ν²/p·I), sampled exactly in a reduced form: the same distribution as drawing every task's
 * X_t (n_t × p), y_t, X_v, y_v, w and forming Q = X_v X_tᵀX_t/n_t, q = X_v X_tᵀy_t/n_t (theory.md
 * §1), with far fewer draws (Fig. 2: 537 normals and 18 χ² per run instead of 6036) and p-vectors
 * replaced by vectors of at most 1 + 2m(n_v + 1) coordinates.
 *
 * 1. A frame: every p-dimensional N(0, I) vector the run needs is written in an
 *    orthonormal basis grown as they are drawn — d coordinates N(0, 1) on the d axes so far, then
 *    √χ²(p − d) on a new axis (rotation invariance; as in Bartlett's decomposition). Axis 0 is 1/√p,
 *    so the all-ones vector is √p·e0 (`one`). The pieces are in these coordinates; everything
 *    downstream uses only inner products and `one`.
 * 2. Per task, with V = X_v (n_v × p), w the task and E an orthonormal basis of S = span{rows of V, w}
 *    (k ≤ n_v + 1): rows of X_t are N(0, I), so X_t = A Eᵀ + X⊥ with A = X_t E (n_t × k) standard
 *    normal and X⊥ = X_t(I − EEᵀ) independent of A, and X⊥v = X⊥w = 0 for v, w ∈ S. So
 *      M = [X_t v_1 … X_t v_nv, y_t] = [A c_1 … A c_nv, A c_w + σ z_t]   (c = coordinates in E),
 *      X_tᵀM = E (AᵀM) + X⊥ᵀM,   and given M, X⊥ᵀM ~ (I − EEᵀ) G Cᵀ,
 *    G (p × (n_v+1)) standard normal, C Cᵀ = MᵀM (each row of Σ_r x⊥_r m_rᵀ is N(0, MᵀM) on S⊥).
 *    Q's row j is (X_tᵀM)[:, j]ᵀ/n_t and q_j = v_jᵀX_tᵀy_t/n_t = c_jᵀ(AᵀM)[:, n_v]/n_t.
 */
export function reducedOuterPieces(s: Sizes, run: number): OuterPieces {
  const { p, m, nt, nv, sigma, w0 } = s;
  const n = nv * m;
  const k1 = nv + 1;
  const dim = Math.min(p, 1 + m * 2 * k1);
  const P = new Float64Array(n * dim);
  const Q = new Float64Array(n * dim);
  const g = new Float64Array(n);
  const q = new Float64Array(n);
  const one = new Float64Array(dim);
  one[0] = Math.sqrt(p);
  const work = scratch(p, m, nt, nv);
  const { w, e, coord, mm, t, c, gz, h, z } = work;
  // All of the run's normals in one batch (fast), then the new axes' χ² lengths.
  const rng = new NormalStream(s.seed, TRAIN_STREAM + run);
  rng.fill(z);
  for (let v = 0; v < work.chi.length; v++) {
    const d = Math.min(1 + v, p); // axes when frame vector v is drawn
    work.chi[v] = d < p ? Math.sqrt(rng.chiSquare(p - d)) : 0;
  }
  let cur = 0; // next unused normal in z
  let vec = 0;
  /** The next frame vector (step 1 above) into out at off. */
  const frameVector = (out: Float64Array, off: number) => {
    const d = Math.min(1 + vec, p);
    for (let i = 0; i < d; i++) out[off + i] = z[cur + i];
    for (let i = d; i < dim; i++) out[off + i] = 0;
    if (d < p) out[off + d] = work.chi[vec];
    cur += d;
    vec++;
  };
  const sd = s.nu / Math.sqrt(p);
  for (let task = 0; task < m; task++) {
    frameVector(w, 0);
    for (let i = 0; i < dim; i++) w[i] = w0 * one[i] + sd * w[i];
    const r0 = task * nv;
    for (let j = 0; j < nv; j++) frameVector(P, (r0 + j) * dim);
    for (let j = 0; j < nv; j++) g[r0 + j] = dot(P, (r0 + j) * dim, w, 0, dim) + sigma * z[cur + j];
    cur += nv;
    // E: orthonormal basis of span{v_1 … v_nv, w}, and coord[j·k1 + l] = E_l · (v_j or w).
    for (let i = 0; i < nv * dim; i++) e[i] = P[r0 * dim + i];
    for (let i = 0; i < dim; i++) e[nv * dim + i] = w[i];
    const k = orthonormalizeRows(e, k1, dim, coord);
    // A (n_t × k, the first n_t·k of n_t·k1 normals: k < k1 only when w ∈ span{v}), then z_t.
    const a0 = cur;
    const zt0 = cur + nt * k1;
    cur = zt0 + nt;
    for (let r = 0; r < nt; r++)
      for (let j = 0; j < k1; j++)
        mm[r * k1 + j] = dot(z, a0 + r * k, coord, j * k1, k) + (j === nv ? sigma * z[zt0 + r] : 0);
    // T = AᵀM (k × k1) and C = chol(MᵀM) (k1 × k1, lower).
    t.fill(0);
    c.fill(0);
    for (let r = 0; r < nt; r++)
      for (let j = 0; j < k1; j++) {
        const mj = mm[r * k1 + j];
        for (let l = 0; l < k; l++) t[l * k1 + j] += z[a0 + r * k + l] * mj;
        for (let l = 0; l <= j; l++) c[j * k1 + l] += mm[r * k1 + l] * mj;
      }
    // A pivot at rounding level (an exactly dependent column, e.g. y_t = 0 when σ = ν = 0) gives
    // a zero column: L Lᵀ still equals the matrix.
    choleskyFactor(c, k1, c, { relTol: 1e-13, semidefinite: true });
    // Hᵀ = C Gᵀ (row j = column j of H), then H ← (I − EEᵀ)H + E T, i.e. X_tᵀM.
    for (let l = 0; l < k1; l++) frameVector(gz, l * dim);
    h.fill(0);
    for (let j = 0; j < k1; j++)
      for (let l = 0; l <= j; l++) axpy(c[j * k1 + l], gz, l * dim, h, j * dim, dim);
    for (let j = 0; j < k1; j++)
      for (let l = 0; l < k; l++)
        axpy(t[l * k1 + j] - dot(e, l * dim, h, j * dim, dim), e, l * dim, h, j * dim, dim);
    for (let j = 0; j < nv; j++) {
      const row = (r0 + j) * dim;
      for (let i = 0; i < dim; i++) Q[row + i] = h[j * dim + i] / nt;
      let qa = 0;
      for (let l = 0; l < k; l++) qa += coord[j * k1 + l] * t[l * k1 + nv];
      q[r0 + j] = qa / nt;
    }
  }
  return { n, p: dim, P, Q, g, q, one };
}

/**
 * Work arrays, kept between runs of the same sizes (a run allocates only its pieces): per task, and
 * the run's normals z, in the order they are used — Σ_v min(1 + v, p) frame coordinates over the
 * 2m(n_v + 1) frame vectors, and n_v + n_t(n_v + 1) + n_t per task — and the frame's new-axis
 * lengths chi.
 */
class Work {
  readonly w: Float64Array;
  readonly e: Float64Array;
  readonly coord: Float64Array;
  readonly mm: Float64Array;
  readonly t: Float64Array;
  readonly c: Float64Array;
  readonly gz: Float64Array;
  readonly h: Float64Array;
  readonly z: Float64Array;
  readonly chi: Float64Array;

  constructor(
    readonly p: number,
    readonly m: number,
    readonly nt: number,
    readonly nv: number,
  ) {
    const k1 = nv + 1;
    const dim = Math.min(p, 1 + m * 2 * k1);
    const vectors = 2 * m * k1;
    let normals = m * (nv + nt * k1 + nt);
    for (let v = 0; v < vectors; v++) normals += Math.min(1 + v, p);
    this.w = new Float64Array(dim);
    this.e = new Float64Array(k1 * dim);
    this.coord = new Float64Array(k1 * k1);
    this.mm = new Float64Array(nt * k1);
    this.t = new Float64Array(k1 * k1);
    this.c = new Float64Array(k1 * k1);
    this.gz = new Float64Array(k1 * dim);
    this.h = new Float64Array(k1 * dim);
    this.z = new Float64Array(normals);
    this.chi = new Float64Array(vectors);
  }
}
let work: Work | undefined;

function scratch(p: number, m: number, nt: number, nv: number): Work {
  if (work?.p !== p || work.m !== m || work.nt !== nt || work.nv !== nv)
    work = new Work(p, m, nt, nv);
  return work;
}

/**
 * QR by modified Gram–Schmidt (two passes), in place: the k rows of e (each dim long) become an
 * orthonormal basis of their span in its first `rank` rows, and coord[j·k + l] = E_l · (row j), so
 * row j = Σ_l coord[j·k + l] E_l. Rows already in the span (e.g. w = 0 when ν = w0 = 0) are dropped.
 * Returns the rank.
 */
function orthonormalizeRows(e: Float64Array, k: number, dim: number, coord: Float64Array): number {
  coord.fill(0);
  let maxNorm = 0;
  for (let j = 0; j < k; j++)
    maxNorm = Math.max(maxNorm, Math.sqrt(dot(e, j * dim, e, j * dim, dim)));
  let rank = 0;
  for (let j = 0; j < k; j++) {
    const o = rank * dim;
    if (o !== j * dim) e.copyWithin(o, j * dim, (j + 1) * dim);
    for (let pass = 0; pass < 2; pass++)
      for (let l = 0; l < rank; l++) {
        const r = dot(e, l * dim, e, o, dim);
        coord[j * k + l] += r;
        axpy(-r, e, l * dim, e, o, dim);
      }
    const norm = Math.sqrt(dot(e, o, e, o, dim));
    if (norm > 1e-9 * maxNorm && norm > 0) {
      for (let i = 0; i < dim; i++) e[o + i] /= norm;
      coord[j * k + rank] = norm;
      rank++;
    }
  }
  return rank;
}

/** y[yo…] += a·x[xo…] over len entries. */
function axpy(a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, len: number) {
  for (let i = 0; i < len; i++) y[yo + i] += a * x[xo + i];
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[xo + i] * y[yo + i];
  return s;
}
