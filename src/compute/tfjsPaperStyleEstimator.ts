import * as tf from '@tensorflow/tfjs-core';
import { drawTestTasks } from '../core/sim/draws';
import type { SimCovariances } from '../core/sim/simCovariances';
import type { SimJob } from '../core/sim/types';

/**
 * Paper-style test loss (theory.md §1) of a chunk of runs, batched on the tfjs backend: for every
 * run, test task k and solved αt, with u = w_k − ω*, s = X_r(ω* − w_k) − σ z_r, g = X_rᵀ s / n_r,
 * the adapted loss is (uᵀΣu + 2αr uᵀΣg + αr² gᵀΣg + σ²)·χ²_k(n_s)/(2 n_s) (see cpuSimulation.ts).
 * The two products with X_r are batched matMuls over runs × tasks; draws come from the same
 * per-run streams as the CPU path, so the engines agree run by run.
 * `deviations[r][j]` = ω* − w0 of run r at αt j. Writes coefficients into coef (runs × nA × 3).
 */
export async function paperStyleCoefficientsBatched(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  deviations: Float64Array[][],
  coef: Float64Array,
): Promise<void> {
  const { p, nr, sigma, w0, testTasks: T, testPoints: ns } = job.params;
  const R = deviations.length;
  const nA = deviations[0].length;
  const xr = new Float32Array(R * T * nr * p);
  const wk = new Float32Array(R * T * p);
  const zr = new Float32Array(R * T * nr);
  const chi = new Float32Array(R * T);
  const omega = new Float32Array(R * p * nA);
  for (let r = 0; r < R; r++) {
    const t = drawTestTasks(job.params, cov, run0 + r, T, ns);
    xr.set(t.xr, r * T * nr * p);
    wk.set(t.w, r * T * p);
    zr.set(t.zr, r * T * nr);
    chi.set(t.chi2, r * T);
    for (let j = 0; j < nA; j++)
      for (let i = 0; i < p; i++) omega[(r * p + i) * nA + j] = deviations[r][j][i] + w0;
  }
  const sums = tf.tidy(() => {
    const X = tf.tensor3d(xr, [R * T, nr, p]);
    const W = tf.tensor3d(wk, [R * T, p, 1]);
    const Om = tf.tensor3d(omega, [R, p, nA]);
    // s = X_r ω* − X_r w − σ z_r, for all αt at once: [R·T, nr, nA].
    const xOm = tf.reshape(tf.matMul(tf.reshape(X, [R, T * nr, p]), Om), [R * T, nr, nA]);
    const noise = tf.mul(tf.tensor3d(zr, [R * T, nr, 1]), sigma);
    const s = tf.sub(tf.sub(xOm, tf.matMul(X, W)), noise);
    const g = tf.div(tf.matMul(X, s, true), nr); // [R·T, p, nA]
    const u = tf.reshape(tf.sub(tf.reshape(W, [R, T, p, 1]), tf.reshape(Om, [R, 1, p, nA])), [
      R * T,
      p,
      nA,
    ]);
    const su = applySigma(cov, u);
    const sg = applySigma(cov, g);
    const c = tf.reshape(tf.tensor1d(chi), [R * T, 1]);
    const weighted = (x: tf.Tensor) => tf.sum(tf.reshape(tf.mul(x, c), [R, T, nA]), 1); // [R, nA]
    const s0 = weighted(tf.add(tf.sum(tf.mul(u, su), 1), sigma * sigma));
    const s1 = weighted(tf.mul(tf.sum(tf.mul(u, sg), 1), 2));
    const s2 = weighted(tf.sum(tf.mul(g, sg), 1));
    return tf.mul(tf.stack([s0, s1, s2], 2), 1 / (2 * ns * T)); // [R, nA, 3]
  });
  const data = await sums.data();
  sums.dispose();
  coef.set(data);
}

/** Σ x for a batch x [B, p, nA] (identity when isotropic). */
function applySigma(cov: SimCovariances, x: tf.Tensor): tf.Tensor {
  if (cov.isotropic) return x;
  const [B, p, nA] = x.shape as [number, number, number];
  const sigma = tf.tensor2d(Float32Array.from(cov.sigma!), [p, p]);
  const flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [p, B * nA]);
  return tf.transpose(tf.reshape(tf.matMul(sigma, flat), [p, B, nA]), [1, 0, 2]);
}
