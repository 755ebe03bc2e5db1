import { TEST_STREAM } from './draws';
import { NormalStream } from './normalStream';
import { orthonormalBasis } from './orthonormalBasis';
import type { SimParams } from './types';

/**
 * Paper-style estimator for isotropic covariances (Σ = I, Σw = ν²/p I), sampled exactly in a
 * reduced basis: the same distribution as drawing w, X_r (n_r × p) and z_r directly, at a fraction
 * of the draws and flops.
 *
 * Let U (r × p) be an orthonormal basis of a subspace holding every d_j = ω*_j − w0, δ_j = U d_j:
 * for p > N it is span{rows of P and Q, and 1 when ω0 ≠ w0} (r ≤ 2N + 1, since ω* − ω0 = Bᵀc), taken
 * from the pieces so it does not depend on αt or on rounding; otherwise U = I (r = p).
 * Rows of X_r are N(0, I) and invariant under rotations, so with a = w − w0 = Uᵀα1 + U⊥ᵀα2:
 *   Y1 = X_r Uᵀ (n_r × r) is standard normal; X_r u_j = Y1(α1 − δ_j) + |α2| y, y ~ N(0, I_nr);
 *   X_r X_rᵀ = Y1 Y1ᵀ + y yᵀ + W3, W3 ~ Wishart_nr(I, p − r − 1) (Bartlett), all independent;
 *   α1 ~ N(0, ν²/p I_r), |α2|² ~ (ν²/p) χ²(p − r).
 * Then with v_j = X_r u_j, s_j = −v_j − σ z, the per-task quadratic in αr (see cpuSimulation.ts) has
 *   uᵀu = |α1 − δ_j|² + |α2|²,  uᵀg = v_jᵀ s_j / n_r,  gᵀg = s_jᵀ (X_r X_rᵀ) s_j / n_r².
 */
export function reducedPaperStyleCoefficients(
  pr: SimParams,
  run: number,
  d: Float64Array[],
  coef: Float64Array,
  off: number,
  spanning?: Float64Array[],
  form: 'auto' | 'perAlpha' = 'auto',
): void {
  const { p, nr, sigma, nu, testTasks: T, testPoints: ns } = pr;
  const nA = d.length;
  // Coordinates of the d's: p, or fewer when the meta-training pieces were sampled in a reduced
  // frame (reducedMetaTraining.ts), whose first axes then hold every d (U = [I 0]).
  const len = d[0].length;
  const delta =
    spanning && spanning.length < len
      ? coordinates(orthonormalBasis(spanning, len), d, len)
      : identity(d, len);
  const r = delta.length / nA;
  const rest = p - r; // dimension of α2
  const k3 = rest - 1; // degrees of freedom of W3
  const bartlett = k3 >= nr && (nr * (nr + 1)) / 2 < nr * k3;
  const rng = new NormalStream(pr.seed, TEST_STREAM + run);
  const task = new TaskDraw(nr, r, rest, k3, bartlett);
  const sd = nu / Math.sqrt(p);
  const sums = new Float64Array(nA * 3);
  // Few directions (r ≤ n_r): sum quadratic forms in δ over tasks first, then evaluate per αt.
  if (r <= nr && form === 'auto') accumulatedSums(task, rng, pr, sd, delta, nA, sums);
  else for (let t = 0; t < T; t++) perAlphaSums(task.draw(rng, sd, ns), sigma, delta, nA, sums);
  const scale = 1 / (2 * ns * T);
  for (let i = 0; i < sums.length; i++) coef[off + i] = sums[i] * scale;
}

/** One test task in the reduced basis: Y1, α1, |α2|², y, the factor F of W3 = F Fᵀ, z and χ²(n_s). */
class TaskDraw {
  y1: Float64Array;
  y: Float64Array;
  alpha1: Float64Array;
  z: Float64Array;
  /**
   * Fᵀ, row-major q × n_r (F is n_r × q: q = n_r, lower triangular, with Bartlett, or k3 directly;
   * q = 0 without W3). Y1 is likewise stored transposed (r × n_r): the hot loops run over i.
   */
  f: Float64Array;
  /** Bartlett's normals below the diagonal, drawn in one batch. */
  below: Float64Array;
  q: number;
  a2sq = 0;
  chi = 0;
  constructor(
    readonly nr: number,
    readonly r: number,
    readonly rest: number,
    readonly k3: number,
    readonly bartlett: boolean,
  ) {
    this.y1 = new Float64Array(nr * r);
    this.y = new Float64Array(nr);
    this.alpha1 = new Float64Array(r);
    this.z = new Float64Array(nr);
    this.q = k3 < 1 ? 0 : bartlett ? nr : k3;
    this.f = new Float64Array(nr * this.q);
    this.below = new Float64Array(bartlett && this.q > 0 ? (nr * (nr - 1)) / 2 : 0);
  }

  draw(rng: NormalStream, sd: number, ns: number): this {
    const { nr, r, rest, k3, q, f } = this;
    rng.fill(this.y1);
    rng.fill(this.alpha1, 0, r, sd);
    this.a2sq = sd * sd * rng.chiSquare(rest);
    if (rest >= 1) rng.fill(this.y);
    if (q > 0 && this.bartlett) {
      // W3 = L Lᵀ, L lower triangular, L_ii² ~ χ²(k3 − i), L_ij ~ N(0, 1) below the diagonal.
      const below = rng.fill(this.below);
      for (let i = 0, k = 0; i < nr; i++) {
        for (let m = 0; m < i; m++) f[m * nr + i] = below[k++];
        f[i * nr + i] = Math.sqrt(rng.chiSquare(k3 - i));
      }
    } else if (q > 0) rng.fill(f, 0, nr * k3);
    rng.fill(this.z);
    this.chi = rng.chiSquare(ns);
    return this;
  }
}

/** The direct form: for every αt, v_j, s_j and sᵀ(X_r X_rᵀ)s from the task's draws. */
function perAlphaSums(
  t: TaskDraw,
  sigma: number,
  delta: Float64Array,
  nA: number,
  sums: Float64Array,
) {
  const { nr, r, q, y1, y, alpha1, z, f, a2sq, chi } = t;
  const a2 = Math.sqrt(a2sq);
  const s = new Float64Array(nr);
  const v = new Float64Array(nr);
  const diff = new Float64Array(r);
  for (let j = 0; j < nA; j++) {
    let uu = a2sq;
    for (let c = 0; c < r; c++) {
      diff[c] = alpha1[c] - delta[j * r + c];
      uu += diff[c] * diff[c];
    }
    let vs = 0;
    let ys = 0;
    let sks = 0;
    for (let i = 0; i < nr; i++) v[i] = a2 * y[i];
    for (let c = 0; c < r; c++) for (let i = 0; i < nr; i++) v[i] += y1[c * nr + i] * diff[c];
    for (let i = 0; i < nr; i++) {
      s[i] = -v[i] - sigma * z[i];
      vs += v[i] * s[i];
      ys += y[i] * s[i];
    }
    // sᵀ(Y1 Y1ᵀ + y yᵀ + F Fᵀ)s = |Y1ᵀs|² + (yᵀs)² + |Fᵀs|².
    sks += ys * ys;
    for (let c = 0; c < r; c++) {
      let acc = 0;
      for (let i = 0; i < nr; i++) acc += y1[c * nr + i] * s[i];
      sks += acc * acc;
    }
    for (let a = 0; a < q; a++) {
      let acc = 0;
      for (let i = 0; i < nr; i++) acc += f[a * nr + i] * s[i];
      sks += acc * acc;
    }
    sums[j * 3] += chi * (uu + sigma * sigma);
    sums[j * 3 + 1] += (chi * 2 * vs) / nr;
    sums[j * 3 + 2] += (chi * sks) / (nr * nr);
  }
}

/**
 * The accumulated form. With c0 = Y1α1 + |α2| y and e0 = −c0 − σz, v_j = c0 − Y1δ_j and
 * s_j = e0 + Y1δ_j, so every per-task term is a quadratic in δ_j (G = Y1ᵀY1, h = Y1ᵀy, Φ = FᵀY1):
 *   |u_j|² = |α1|² + |α2|² − 2α1·δ + |δ|²
 *   v_j·s_j = c0·e0 + Y1ᵀ(c0 − e0)·δ − δᵀGδ
 *   s_jᵀ(X_rX_rᵀ)s_j = C0 + 2C1·δ + δᵀC2δ, C0 = |Y1ᵀe0|² + (y·e0)² + |Fᵀe0|²,
 *     C1 = G Y1ᵀe0 + (y·e0) h + Φᵀ Fᵀe0, C2 = G² + hhᵀ + ΦᵀΦ.
 * Their χ²-weighted sums over tasks are kept, and each αt costs O(r²) once per run.
 */
function accumulatedSums(
  t: TaskDraw,
  rng: NormalStream,
  pr: SimParams,
  sd: number,
  delta: Float64Array,
  nA: number,
  sums: Float64Array,
) {
  const { nr, r, q } = t;
  const { sigma, testTasks: T, testPoints: ns } = pr;
  const scal = new Float64Array(4); // Σχ(|α1|² + |α2|² + σ²), Σχ c0·e0, Σχ C0, Σχ
  const v0 = new Float64Array(r); // Σχ α1
  const v1 = new Float64Array(r); // Σχ Y1ᵀ(c0 − e0)
  const v2 = new Float64Array(r); // Σχ C1
  const m1 = new Float64Array(r * r); // Σχ G
  const m2 = new Float64Array(r * r); // Σχ C2
  const g = new Float64Array(r * r);
  const phi = new Float64Array(q * r);
  const c0 = new Float64Array(nr);
  const e0 = new Float64Array(nr);
  const t0 = new Float64Array(r);
  const h = new Float64Array(r);
  const f0 = new Float64Array(q);
  for (let task = 0; task < T; task++) {
    const { y1, y, alpha1, z, f, a2sq, chi } = t.draw(rng, sd, ns);
    const a2 = Math.sqrt(a2sq);
    let ce = 0;
    let ye = 0;
    for (let i = 0; i < nr; i++) c0[i] = a2 * y[i];
    for (let c = 0; c < r; c++) for (let i = 0; i < nr; i++) c0[i] += y1[c * nr + i] * alpha1[c];
    for (let i = 0; i < nr; i++) {
      e0[i] = -c0[i] - sigma * z[i];
      ce += c0[i] * e0[i];
      ye += y[i] * e0[i];
    }
    let aa = a2sq;
    for (let c = 0; c < r; c++) {
      aa += alpha1[c] * alpha1[c];
      let te = 0;
      let tc = 0;
      let th = 0;
      for (let i = 0; i < nr; i++) {
        const yic = y1[c * nr + i];
        te += yic * e0[i];
        tc += yic * c0[i];
        th += yic * y[i];
      }
      t0[c] = te;
      h[c] = th;
      v0[c] += chi * alpha1[c];
      v1[c] += chi * (tc - te);
      for (let c2 = 0; c2 <= c; c2++) {
        let acc = 0;
        for (let i = 0; i < nr; i++) acc += y1[c * nr + i] * y1[c2 * nr + i];
        g[c * r + c2] = acc;
        g[c2 * r + c] = acc;
      }
    }
    // Φ = FᵀY1 and Fᵀe0 (F lower triangular when Bartlett: rows i ≥ a only).
    let c0sum = ye * ye;
    for (let a = 0; a < q; a++) {
      let fe = 0;
      const i0 = t.bartlett ? a : 0;
      for (let i = i0; i < nr; i++) fe += f[a * nr + i] * e0[i];
      f0[a] = fe;
      c0sum += fe * fe;
      for (let c = 0; c < r; c++) {
        let acc = 0;
        for (let i = i0; i < nr; i++) acc += f[a * nr + i] * y1[c * nr + i];
        phi[c * q + a] = acc;
      }
    }
    for (let c = 0; c < r; c++) {
      c0sum += t0[c] * t0[c];
      // C1 = G t0 + (y·e0) h + Φᵀ f0
      let c1 = ye * h[c];
      for (let c2 = 0; c2 < r; c2++) c1 += g[c * r + c2] * t0[c2];
      for (let a = 0; a < q; a++) c1 += phi[c * q + a] * f0[a];
      v2[c] += chi * c1;
      // C2 = G² + hhᵀ + ΦᵀΦ (symmetric)
      for (let c2 = 0; c2 <= c; c2++) {
        let acc = h[c] * h[c2];
        for (let k = 0; k < r; k++) acc += g[c * r + k] * g[c2 * r + k]; // G symmetric
        for (let a = 0; a < q; a++) acc += phi[c * q + a] * phi[c2 * q + a];
        m2[c * r + c2] += chi * acc;
        if (c2 !== c) m2[c2 * r + c] += chi * acc;
        m1[c * r + c2] += chi * g[c * r + c2];
        if (c2 !== c) m1[c2 * r + c] += chi * g[c * r + c2];
      }
    }
    scal[0] += chi * (aa + sigma * sigma);
    scal[1] += chi * ce;
    scal[2] += chi * c0sum;
    scal[3] += chi;
  }
  for (let j = 0; j < nA; j++) {
    const dj = delta.subarray(j * r, (j + 1) * r);
    const dot = (v: Float64Array) => v.reduce((s, x, c) => s + x * dj[c], 0);
    const quad = (m: Float64Array) => {
      let s = 0;
      for (let c = 0; c < r; c++)
        for (let c2 = 0; c2 < r; c2++) s += dj[c] * m[c * r + c2] * dj[c2];
      return s;
    };
    const dd = dot(dj);
    sums[j * 3] += scal[0] - 2 * dot(v0) + scal[3] * dd;
    sums[j * 3 + 1] += (2 / nr) * (scal[1] + dot(v1) - quad(m1));
    sums[j * 3 + 2] += (scal[2] + 2 * dot(v2) + quad(m2)) / (nr * nr);
  }
}

/** δ_j = U d_j, row-major (#αt × r). */
function coordinates(basis: Float64Array[], d: Float64Array[], p: number): Float64Array {
  const r = basis.length;
  const delta = new Float64Array(d.length * r);
  d.forEach((x, j) =>
    basis.forEach((b, c) => {
      let dot = 0;
      for (let i = 0; i < p; i++) dot += b[i] * x[i];
      delta[j * r + c] = dot;
    }),
  );
  return delta;
}

function identity(d: Float64Array[], p: number): Float64Array {
  const delta = new Float64Array(d.length * p);
  d.forEach((x, j) => delta.set(x, j * p));
  return delta;
}
