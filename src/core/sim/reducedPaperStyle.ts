import { TEST_STREAM } from './draws';
import { NormalStream } from './normalStream';
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
): void {
  const { p, nr, sigma, nu, testTasks: T, testPoints: ns } = pr;
  const nA = d.length;
  const delta =
    spanning && spanning.length < p
      ? coordinates(orthonormalBasis(spanning, p), d, p)
      : identity(d, p);
  const r = delta.length / nA;
  const rest = p - r; // dimension of α2
  const k3 = rest - 1; // degrees of freedom of W3
  const bartlett = k3 >= nr && (nr * (nr + 1)) / 2 < nr * k3;
  const rng = new NormalStream(pr.seed, TEST_STREAM + run);
  const sd = nu / Math.sqrt(p);
  const y1 = new Float64Array(nr * r);
  const y = new Float64Array(nr);
  const alpha1 = new Float64Array(r);
  const z = new Float64Array(nr);
  const k = new Float64Array(nr * nr);
  const l = new Float64Array(nr * Math.max(nr, k3, 0));
  const v = new Float64Array(nr);
  const s = new Float64Array(nr);
  const diff = new Float64Array(r);
  const sums = new Float64Array(nA * 3);
  for (let task = 0; task < T; task++) {
    rng.fill(y1);
    rng.fill(alpha1, 0, r, sd);
    const a2sq = sd * sd * rng.chiSquare(rest);
    const a2 = Math.sqrt(a2sq);
    if (rest >= 1) rng.fill(y);
    else y.fill(0);
    // K = Y1 Y1ᵀ + y yᵀ + W3.
    for (let i = 0; i < nr; i++)
      for (let m = 0; m <= i; m++) {
        let acc = y[i] * y[m];
        for (let c = 0; c < r; c++) acc += y1[i * r + c] * y1[m * r + c];
        k[i * nr + m] = acc;
      }
    if (k3 >= 1) addWishart(rng, k, l, nr, k3, bartlett);
    for (let i = 0; i < nr; i++) for (let m = 0; m < i; m++) k[m * nr + i] = k[i * nr + m];
    rng.fill(z);
    const chi = rng.chiSquare(ns);
    for (let j = 0; j < nA; j++) {
      let uu = a2sq;
      for (let c = 0; c < r; c++) {
        diff[c] = alpha1[c] - delta[j * r + c];
        uu += diff[c] * diff[c];
      }
      let vs = 0;
      for (let i = 0; i < nr; i++) {
        let acc = a2 * y[i];
        for (let c = 0; c < r; c++) acc += y1[i * r + c] * diff[c];
        v[i] = acc;
        s[i] = -acc - sigma * z[i];
        vs += acc * s[i];
      }
      let sks = 0;
      for (let i = 0; i < nr; i++) {
        let row = 0;
        for (let m = 0; m < nr; m++) row += k[i * nr + m] * s[m];
        sks += s[i] * row;
      }
      sums[j * 3] += chi * (uu + sigma * sigma);
      sums[j * 3 + 1] += (chi * 2 * vs) / nr;
      sums[j * 3 + 2] += (chi * sks) / (nr * nr);
    }
  }
  const scale = 1 / (2 * ns * T);
  for (let i = 0; i < sums.length; i++) coef[off + i] = sums[i] * scale;
}

/** Adds W ~ Wishart_n(I, dof) to the lower triangle of k: Bartlett factor or direct n × dof draws. */
function addWishart(
  rng: NormalStream,
  k: Float64Array,
  l: Float64Array,
  n: number,
  dof: number,
  bartlett: boolean,
) {
  if (bartlett) {
    // W = L Lᵀ, L lower triangular, L_ii² ~ χ²(dof − i), L_ij ~ N(0, 1) below the diagonal.
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < i; m++) l[i * n + m] = rng.normal();
      l[i * n + i] = Math.sqrt(rng.chiSquare(dof - i));
    }
    for (let i = 0; i < n; i++)
      for (let m = 0; m <= i; m++) {
        let acc = 0;
        for (let c = 0; c <= m; c++) acc += l[i * n + c] * l[m * n + c];
        k[i * n + m] += acc;
      }
    return;
  }
  rng.fill(l, 0, n * dof);
  for (let i = 0; i < n; i++)
    for (let m = 0; m <= i; m++) {
      let acc = 0;
      for (let c = 0; c < dof; c++) acc += l[i * dof + c] * l[m * dof + c];
      k[i * n + m] += acc;
    }
}

/** Modified Gram–Schmidt (two passes), dropping vectors already in the span. */
function orthonormalBasis(vectors: Float64Array[], p: number): Float64Array[] {
  let maxNorm = 0;
  for (const x of vectors) maxNorm = Math.max(maxNorm, Math.hypot(...x));
  const basis: Float64Array[] = [];
  for (const x of vectors) {
    const w = Float64Array.from(x);
    for (let pass = 0; pass < 2; pass++)
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < p; i++) dot += b[i] * w[i];
        for (let i = 0; i < p; i++) w[i] -= dot * b[i];
      }
    const norm = Math.hypot(...w);
    if (norm > 1e-9 * maxNorm && norm > 0) basis.push(w.map((v) => v / norm));
  }
  return basis;
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
