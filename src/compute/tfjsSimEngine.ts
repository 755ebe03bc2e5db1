import * as tf from '@tensorflow/tfjs-core';
import { choleskySolve } from '../core/sim/choleskySolve';
import { scoreRun } from '../core/sim/cpuSimulation';
import { drawMetaTraining, type MetaTrainingDraw } from '../core/sim/draws';
import { solvedAlphaT, type RunCoefficients } from '../core/sim/lossCoefficients';
import { assembleOuterSystem, type OuterPieces, type OuterSystem } from '../core/sim/outerSystem';
import { exactLossConstants, type SimCovariances } from '../core/sim/simCovariances';
import type { SimJob } from '../core/sim/types';
import type { SimEngine } from './simEngine';
import { paperStyleCoefficientsBatched } from './tfjsPaperStyleEstimator';
import { batchedCholeskySolve } from './webgpu/batchedCholeskySolve';
import { drawMetaTrainingOnGpu } from './webgpu/metaTrainingDraws';

/**
 * The batched engine on a tfjs backend. Per chunk of R runs, in a handful of batched ops:
 *   Q_i = X_v(i) X_t(i)ᵀ X_t(i)/n_t, q_i likewise with y_t (theory.md §1, B = P − αQ, γ = g − αq),
 * then the Gram pieces of the outer system, affine-quadratic in αt (see outerSystem.ts):
 *   over (p > N): PPᵀ, PQᵀ + QPᵀ, QQᵀ, g − Pω0, q − Qω0;  under: PᵀP, PᵀQ + QᵀP, QᵀQ, Pᵀg, Pᵀq + Qᵀg, Qᵀq.
 * On WebGPU the small SPD solves for every (run, αt) run in one WGSL dispatch, and on a hardware
 * adapter the isotropic draws are generated on the device (metaTrainingDrawProgram.ts); elsewhere
 * both happen on the host.
 * The exact estimator reuses the Float64 reference code on the read-back pieces; the paper-style
 * estimator runs batched on the backend (tfjsPaperStyleEstimator.ts), except the isotropic case,
 * which uses the faster reduced sampler on the host (reducedPaperStyle.ts).
 */
export function createTfjsSimEngine(
  name: string,
  opts: {
    /**
     * Generate the isotropic draws on the GPU (WebGPU). Off for a software adapter (SwiftShader),
     * where the sequential per-run generator is slower than the host's.
     */
    gpuDraws?: boolean;
  } = {},
): SimEngine {
  const gpuDraws = name === 'webgpu' && (opts.gpuDraws ?? true);
  let lost: string | undefined;
  // A lost device may leave pending reads unresolved: race every chunk against the loss.
  let deviceLost: Promise<never> = new Promise(() => {});
  if (name === 'webgpu') {
    const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
    if (device)
      deviceLost = device.lost.then((info) => {
        lost = `WebGPU device lost (${info.reason || 'unknown'}): ${info.message}`;
        throw new Error(lost);
      });
    deviceLost.catch(() => {}); // observed by the races below
  }
  return {
    name,
    lostReason: () => lost,
    async simulateRuns(job, cov, run0, run1) {
      if (lost) throw new Error(lost);
      return Promise.race([
        simulateChunk(job, cov, run0, run1, name === 'webgpu', gpuDraws),
        deviceLost,
      ]);
    },
  };
}

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

/** Batched Q, q and the stacked system tensors A [R,3,dim,dim], b [R,3,dim]. */
function outerSystemTensors(job: SimJob, t: ReturnType<typeof packDraws>, R: number) {
  const { p, m, nt, nv, omega0 } = job.params;
  const N = nv * m;
  return tf.tidy(() => {
    const mvt = tf.div(tf.matMul(t.xv, t.xt, false, true), nt);
    const Q = tf.reshape(tf.matMul(mvt, t.xt), [R, N, p]);
    const q = tf.reshape(tf.matMul(mvt, t.yt), [R, N, 1]);
    const P = tf.reshape(t.xv, [R, N, p]);
    const g = tf.reshape(t.yv, [R, N, 1]);
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
        tf.sub(g, tf.mul(tf.sum(P, 2, true), omega0)),
        tf.sub(q, tf.mul(tf.sum(Q, 2, true), omega0)),
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
      Q,
      q,
      A: tf.stack(a, 1) as tf.Tensor4D,
      B: tf.reshape(tf.stack(b, 1), [R, 3, dim]) as tf.Tensor3D,
      dim,
    };
  });
}

async function simulateChunk(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  run1: number,
  gpuSolve: boolean,
  drawOnGpu: boolean,
): Promise<RunCoefficients> {
  const pr = job.params;
  const R = run1 - run0;
  // The isotropic paper-style estimator samples in a reduced basis on the host (reducedPaperStyle.ts):
  // ~2.5× fewer draws and ~3× fewer flops than the direct sampler, whose per-run draws (generated in
  // JS) would dominate even with the matMuls on a GPU. Other covariances use the batched direct path.
  const hostMc = cov.isotropic;
  const alphas = solvedAlphaT(job);
  const nA = alphas.length;
  const { p, nv, m } = pr;
  const N = nv * m;
  // On WebGPU the isotropic draws are generated on the device (same streams as the host), so only
  // P and g (N·p + N floats per run) come back; otherwise they are drawn here and uploaded.
  const gpuDraws = drawOnGpu && cov.isotropic;
  let P: (r: number) => Float64Array;
  let g: (r: number) => Float64Array;
  let sys: ReturnType<typeof outerSystemTensors>;
  if (gpuDraws) {
    const inputs = drawMetaTrainingOnGpu(pr, run0, R);
    sys = outerSystemTensors(job, inputs, R);
    try {
      const [xv, yv] = (await Promise.all([inputs.xv.data(), inputs.yv.data()])) as Float32Array[];
      P = (r) => Float64Array.from(xv.subarray(r * N * p, (r + 1) * N * p));
      g = (r) => Float64Array.from(yv.subarray(r * N, (r + 1) * N));
    } catch (e) {
      tf.dispose([sys.Q, sys.q, sys.A, sys.B]);
      throw e;
    } finally {
      tf.dispose(Object.values(inputs));
    }
  } else {
    const draws = Array.from({ length: R }, (_, r) => drawMetaTraining(pr, cov, run0 + r));
    const inputs = packDraws(draws, job);
    sys = outerSystemTensors(job, inputs, R);
    tf.dispose(Object.values(inputs));
    P = (r) => draws[r].xv;
    g = (r) => draws[r].yv;
  }
  const { dim } = sys;
  let gpuSolutions: Float32Array | undefined;
  try {
    if (gpuSolve) {
      const sol = batchedCholeskySolve(sys.A, sys.B, alphas);
      gpuSolutions = (await sol.data()) as Float32Array;
      sol.dispose();
    }
    const [Qd, qd, Ad, Bd] = (await Promise.all([
      sys.Q.data(),
      sys.q.data(),
      sys.A.data(),
      sys.B.data(),
    ])) as Float32Array[];
    const out: RunCoefficients = {
      runs: R,
      nAlphaT: nA,
      coef: new Float64Array(R * nA * 3),
      ill: new Uint8Array(R * nA),
    };
    const consts = exactLossConstants(cov, pr.nr);
    const dd = dim * dim;
    const a = new Float64Array(dd);
    const b = new Float64Array(dim);
    const deviations: Float64Array[][] = [];
    for (let r = 0; r < R; r++) {
      const pieces: OuterPieces = {
        n: N,
        p: pr.p,
        P: P(r),
        Q: Float64Array.from(Qd.subarray(r * N * p, (r + 1) * N * p)),
        g: g(r),
        q: Float64Array.from(qd.subarray(r * N, (r + 1) * N)),
      };
      const part = (src: Float32Array, off: number, len: number) =>
        Float64Array.from(src.subarray(off, off + len));
      const system: OuterSystem = {
        overparameterized: pr.p > N,
        dim,
        a: [0, 1, 2].map((k) => part(Ad, (r * 3 + k) * dd, dd)) as OuterSystem['a'],
        b: [0, 1, 2].map((k) => part(Bd, (r * 3 + k) * dim, dim)) as OuterSystem['b'],
      };
      const solutions = alphas.map((alpha, j) => {
        if (gpuSolutions) {
          const o = (r * nA + j) * (dd + dim + 1) + dd;
          return { x: part(gpuSolutions, o, dim), illConditioned: gpuSolutions[o + dim] !== 0 };
        }
        assembleOuterSystem(system, alpha, a, b);
        return choleskySolve(a, b, dim);
      });
      deviations.push(
        scoreRun(
          job,
          cov,
          consts,
          run0 + r,
          pieces,
          system,
          solutions,
          out,
          r,
          hostMc ? 'reduced' : 'skip',
        ),
      );
    }
    if (pr.estimator === 'mc' && !hostMc)
      await paperStyleCoefficientsBatched(job, cov, run0, deviations, out.coef);
    return out;
  } finally {
    tf.dispose([sys.Q, sys.q, sys.A, sys.B]);
  }
}
