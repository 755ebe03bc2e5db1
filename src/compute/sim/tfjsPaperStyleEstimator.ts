import * as tf from '@tensorflow/tfjs-core';
import { drawTestTasks } from '../../core/sim/draws';
import { quadraticForm, type SimCovariances } from '../../core/sim/simCovariances';
import type { SimJob } from '../../core/sim/types';
import type { TestTaskTensors } from './webgpu/testTaskDrawsOnGpu';

/**
 * Paper-style test loss (theory.md §1) of a chunk of runs, batched on the tfjs backend: for every
 * run, test task k and solved αt, with u = w_k − ω*, s = X_r(ω* − w_k) − σ z_r, g = X_rᵀ s / n_r,
 * the adapted loss is (uᵀΣu + 2αr uᵀΣg + αr² gᵀΣg + σ²)·χ²_k(n_s)/(2 n_s) (see cpuSimulation.ts).
 * Only small Gram-type products are formed: uᵀΣu = wᵀΣw − 2wᵀΣω* + ω*ᵀΣω*, uᵀΣg = −(X_rΣ(ω* − w))ᵀs/n_r,
 * gᵀΣg = sᵀ(X_rΣX_rᵀ)s/n_r², all batched matMuls over runs × tasks × αt; draws come from the same
 * per-run streams as the CPU path, so the engines agree run by run.
 * `deviations[r][j]` = ω* − w0 of run r at αt j. Writes coefficients into coef (runs × nA × 3).
 */
export async function paperStyleCoefficientsBatched(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  deviations: Float64Array[][],
  coef: Float64Array,
  gpuDraws?: TestTaskTensors,
): Promise<void> {
  const { p, nr, sigma, w0, testTasks: T, testPoints: ns } = job.params;
  const R = deviations.length;
  const nA = deviations[0].length;
  const omega = new Float32Array(R * p * nA);
  for (let r = 0; r < R; r++)
    for (let j = 0; j < nA; j++)
      for (let i = 0; i < p; i++) omega[(r * p + i) * nA + j] = deviations[r][j][i] + w0;
  // ω*ᵀΣω* per run and αt, in float64 on the host.
  const omSom = new Float32Array(R * nA);
  const tmp = new Float64Array(p);
  for (let r = 0; r < R; r++)
    for (let j = 0; j < nA; j++) {
      for (let i = 0; i < p; i++) tmp[i] = deviations[r][j][i] + w0;
      omSom[r * nA + j] = quadraticForm(cov.isotropic ? undefined : cov.sigma, tmp, p);
    }
  const draws = gpuDraws ?? hostTestTasks(job, cov, run0, R);
  let sums: tf.Tensor;
  try {
    sums = tf.tidy(() => {
      const b = R * T;
      const X = draws.xr;
      const Om = tf.tensor3d(omega, [R, p, nA]);
      const Wk = draws.w;
      const sigmaT = cov.isotropic ? undefined : tf.tensor2d(Float32Array.from(cov.sigma!), [p, p]);
      const times = (x: tf.Tensor3D) =>
        (sigmaT
          ? tf.reshape(tf.matMul(tf.reshape(x, [-1, p]), sigmaT), x.shape)
          : x) as tf.Tensor3D;
      const XS = times(X); // X_r Σ
      const WkS = times(tf.reshape(Wk, [R, T, p])); // (Σ w_k)ᵀ
      // y = X_r(ω* − w_k), yS = X_rΣ(ω* − w_k) for every αt: [b, nr, nA].
      const proj = (A: tf.Tensor3D) =>
        tf.sub(
          tf.reshape(tf.matMul(tf.reshape(A, [R, T * nr, p]), Om), [b, nr, nA]),
          tf.matMul(A, Wk),
        );
      const y = proj(X);
      const yS = sigmaT ? proj(XS) : y;
      const s = tf.sub(y, tf.mul(draws.zr, sigma));
      const K = tf.matMul(XS, X, false, true); // X_r Σ X_rᵀ: [b, nr, nr]
      const uSg = tf.div(tf.neg(tf.sum(tf.mul(yS, s), 1)), nr); // [b, nA]
      const gSg = tf.div(tf.sum(tf.mul(s, tf.matMul(K, s)), 1), nr * nr);
      const wSw = tf.sum(tf.mul(tf.reshape(WkS, [b, p]), tf.reshape(Wk, [b, p])), 1, true); // [b, 1]
      const wSom = tf.reshape(tf.matMul(WkS, Om), [b, nA]);
      const omS = tf.reshape(
        tf.tile(tf.reshape(tf.tensor2d(omSom, [R, nA]), [R, 1, nA]), [1, T, 1]),
        [b, nA],
      );
      const uSu = tf.add(tf.sub(wSw, tf.mul(wSom, 2)), omS);
      const c = draws.chi2;
      const weighted = (x: tf.Tensor) => tf.sum(tf.reshape(tf.mul(x, c), [R, T, nA]), 1); // [R, nA]
      const s0 = weighted(tf.add(uSu, sigma * sigma));
      const s1 = weighted(tf.mul(uSg, 2));
      const s2 = weighted(gSg);
      return tf.mul(tf.stack([s0, s1, s2], 2), 1 / (2 * ns * T)); // [R, nA, 3]
    });
  } finally {
    if (!gpuDraws) tf.dispose(Object.values(draws));
  }
  const data = await sums.data();
  sums.dispose();
  coef.set(data);
}

/** The runs' test tasks drawn on the host (drawTestTasks: any covariance), uploaded. */
function hostTestTasks(job: SimJob, cov: SimCovariances, run0: number, R: number): TestTaskTensors {
  const { p, nr, testTasks: T, testPoints: ns } = job.params;
  const xr = new Float32Array(R * T * nr * p);
  const w = new Float32Array(R * T * p);
  const zr = new Float32Array(R * T * nr);
  const chi = new Float32Array(R * T);
  for (let r = 0; r < R; r++) {
    const t = drawTestTasks(job.params, cov, run0 + r, T, ns);
    xr.set(t.xr, r * T * nr * p);
    w.set(t.w, r * T * p);
    zr.set(t.zr, r * T * nr);
    chi.set(t.chi2, r * T);
  }
  const b = R * T;
  return {
    xr: tf.tensor3d(xr, [b, nr, p]),
    w: tf.tensor3d(w, [b, p, 1]),
    zr: tf.tensor3d(zr, [b, nr, 1]),
    chi2: tf.tensor2d(chi, [b, 1]),
  };
}
