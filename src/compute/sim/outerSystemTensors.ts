import * as tf from '@tensorflow/tfjs-core';
import { sampleOuterPieces, type Sampler } from '../../core/sim/cpuSimulation';
import { drawMetaTraining, type MetaTrainingDraw } from '../../core/sim/draws';
import type { OuterPieces } from '../../core/sim/outerSystem';
import { reducedMetaTrainingPays } from '../../core/sim/reducedMetaTraining';
import type { SimCovariances } from '../../core/sim/simCovariances';
import type { SimJob } from '../../core/sim/types';
import { drawMetaTrainingOnGpu } from './webgpu/metaTrainingDraws';

/*
 * The batched engine's outer systems (tfjsSimEngine.ts): a chunk of runs' pieces P, Q, g, q sampled
 * (outerSystemOfChunk, at the end) and turned into the stacked Gram tensors A(α) = A0 − αA1 + α²A2,
 * b(α) = b0 − αb1 + α²b2 of outerSystem.ts, batched over runs.
 */

/** Host draws of R runs, uploaded: X_t [R·m, n_t, p], y_t [R·m, n_t, 1], X_v, y_v likewise. */
function packDraws(draws: MetaTrainingDraw[], job: SimJob) {
  const { p, m, nt, nv } = job.params;
  const R = draws.length;
  const f32 = (pick: (d: MetaTrainingDraw) => Float64Array, len: number) => {
    const out = new Float32Array(R * len);
    draws.forEach((d, r) => out.set(pick(d), r * len));
    return out;
  };
  return {
    xt: tf.tensor3d(
      f32((d) => d.xt, m * nt * p),
      [R * m, nt, p],
    ),
    yt: tf.tensor3d(
      f32((d) => d.yt, m * nt),
      [R * m, nt, 1],
    ),
    xv: tf.tensor3d(
      f32((d) => d.xv, m * nv * p),
      [R * m, nv, p],
    ),
    yv: tf.tensor3d(
      f32((d) => d.yv, m * nv),
      [R * m, nv, 1],
    ),
  };
}

/** Batched pieces of the outer system (outerSystem.ts): P, Q [R, N, p], g, q [R, N, 1]. */
interface PieceTensors {
  P: tf.Tensor3D;
  Q: tf.Tensor3D;
  g: tf.Tensor3D;
  q: tf.Tensor3D;
  /** The all-ones p-vector in the pieces' coordinates (OuterPieces.one), [1, 1, cols]. */
  one: tf.Tensor3D;
}

/** Q_i = X_v(i) X_t(i)ᵀ X_t(i)/n_t and q_i likewise with y_t, batched over runs and tasks. */
function piecesFromDraws(job: SimJob, t: ReturnType<typeof packDraws>, R: number): PieceTensors {
  const { p, m, nt, nv } = job.params;
  const N = nv * m;
  return tf.tidy(() => {
    const mvt = tf.div<tf.Tensor3D>(tf.matMul(t.xv, t.xt, false, true), nt);
    return {
      P: tf.reshape<tf.Rank.R3>(t.xv, [R, N, p]),
      Q: tf.reshape<tf.Rank.R3>(tf.matMul(mvt, t.xt), [R, N, p]),
      g: tf.reshape<tf.Rank.R3>(t.yv, [R, N, 1]),
      q: tf.reshape<tf.Rank.R3>(tf.matMul(mvt, t.yt), [R, N, 1]),
      one: tf.ones([1, 1, p]) as tf.Tensor3D,
    };
  });
}

/** Pieces sampled on the host (the reduced sampler), uploaded as one batch. */
function piecesFromHost(pieces: readonly OuterPieces[]): PieceTensors {
  const R = pieces.length;
  const { n: N, p } = pieces[0];
  const f32 = (pick: (x: OuterPieces) => Float64Array, cols: number) => {
    const out = new Float32Array(R * N * cols);
    pieces.forEach((x, r) => out.set(pick(x), r * N * cols));
    return tf.tensor3d(out, [R, N, cols]);
  };
  return {
    P: f32((x) => x.P, p),
    Q: f32((x) => x.Q, p),
    g: f32((x) => x.g, 1),
    q: f32((x) => x.q, 1),
    one: tf.tensor3d(Float32Array.from(pieces[0].one), [1, 1, p]),
  };
}

/** The stacked system tensors A [R,3,dim,dim], b [R,3,dim] from the pieces. */
function outerSystemTensors(job: SimJob, pc: PieceTensors, R: number) {
  const { p, m, nv, omega0 } = job.params;
  const N = nv * m;
  return tf.tidy(() => {
    const { P, Q, g, q, one } = pc;
    const rowSums = (x: tf.Tensor3D) => tf.sum(tf.mul(x, one), 2, true);
    const sym = (x: tf.Tensor3D) => tf.add(x, tf.transpose(x, [0, 2, 1]));
    let a: tf.Tensor[];
    let b: tf.Tensor[];
    if (p > N) {
      a = [
        tf.matMul(P, P, false, true),
        sym(tf.matMul(P, Q, false, true)),
        tf.matMul(Q, Q, false, true),
      ];
      b = [
        tf.sub(g, tf.mul(rowSums(P), omega0)),
        tf.sub(q, tf.mul(rowSums(Q), omega0)),
        tf.zerosLike(g),
      ];
    } else {
      a = [tf.matMul(P, P, true), sym(tf.matMul(P, Q, true)), tf.matMul(Q, Q, true)];
      b = [
        tf.matMul(P, g, true),
        tf.add(tf.matMul(P, q, true), tf.matMul(Q, g, true)),
        tf.matMul(Q, q, true),
      ];
    }
    const dim = a[0].shape[1] as number;
    return {
      A: tf.stack(a, 1) as tf.Tensor4D,
      B: tf.reshape(tf.stack(b, 1), [R, 3, dim]) as tf.Tensor3D,
      dim,
    };
  });
}

/** tf.tidy for a function returning an object of tensors (and numbers), keeping its type. */
const tidyObject = <T>(f: () => T): T => tf.tidy(f as () => tf.TensorContainer) as T;

/**
 * The outer systems of runs [run0, run0 + R) as tensors, and each run's Float64 pieces for the
 * host's scoring, sampled as the CPU engine samples them with `sampler` (sampleOuterPieces), so
 * engines agree run by run: isotropic inputs use the reduced sampler on the host where it pays
 * (reducedMetaTraining.ts: a few hundred draws per task, no n_t·p products); otherwise the direct
 * draws — generated on the GPU for isotropic inputs on hardware WebGPU (the same streams), else on
 * the host — with Q and q formed by batched matMuls.
 */
export async function outerSystemOfChunk(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  R: number,
  drawOnGpu: boolean,
  sampler: Sampler,
): Promise<{ pieces: (r: number) => OuterPieces; sys: ReturnType<typeof outerSystemTensors> }> {
  const pr = job.params;
  const { p, nv, m } = pr;
  const N = nv * m;
  if (sampler === 'reduced' && cov.isotropic && reducedMetaTrainingPays(pr)) {
    const host = Array.from({ length: R }, (_, r) => sampleOuterPieces(pr, cov, run0 + r));
    // tidy: the pieces are freed whatever happens, also when a kernel fails half-way.
    const sys = tf.tidy(() => outerSystemTensors(job, piecesFromHost(host), R));
    return { pieces: (r) => host[r], sys };
  }
  // On WebGPU the isotropic draws are generated on the device (same streams as the host's direct
  // sampler), so only the pieces come back; otherwise they are drawn here and uploaded.
  const gpuDraws = drawOnGpu && cov.isotropic;
  const draws = gpuDraws
    ? undefined
    : Array.from({ length: R }, (_, r) => drawMetaTraining(pr, cov, run0 + r));
  // tidy: the inputs (and, on a failed kernel, everything made so far) are freed.
  const { pc, sys } = tidyObject(() => {
    const pieces = piecesFromDraws(
      job,
      draws ? packDraws(draws, job) : drawMetaTrainingOnGpu(pr, run0, R),
      R,
    );
    return { pc: pieces, sys: outerSystemTensors(job, pieces, R) };
  });
  try {
    const [P, Q, g, q] = (await Promise.all([
      pc.P.data(),
      pc.Q.data(),
      pc.g.data(),
      pc.q.data(),
    ])) as Float32Array[];
    const ones = new Float64Array(p).fill(1);
    const rows = (x: Float32Array, r: number, cols: number) =>
      Float64Array.from(x.subarray(r * N * cols, (r + 1) * N * cols));
    return {
      pieces: (r) => ({
        n: N,
        p,
        P: draws ? draws[r].xv : rows(P, r, p),
        Q: rows(Q, r, p),
        g: draws ? draws[r].yv : rows(g, r, 1),
        q: rows(q, r, 1),
        one: ones,
      }),
      sys,
    };
  } catch (e) {
    tf.dispose([sys.A, sys.B]);
    throw e;
  } finally {
    tf.dispose(Object.values(pc));
  }
}
