import * as tf from '@tensorflow/tfjs-core';
import { solveAtEveryAlpha, type AlphaSolutions } from '../core/sim/choleskySolve';
import { sampleOuterPieces, scoreRun, type Sampler } from '../core/sim/cpuSimulation';
import { reducedMetaTrainingPays } from '../core/sim/reducedMetaTraining';
import { drawMetaTraining, type MetaTrainingDraw } from '../core/sim/draws';
import { solvedAlphaT, type RunCoefficients } from '../core/sim/lossCoefficients';
import type { OuterPieces, OuterSystem } from '../core/sim/outerSystem';
import { exactLossConstants, type SimCovariances } from '../core/sim/simCovariances';
import type { SimJob } from '../core/sim/types';
import type { SimEngine } from './simEngine';
import { paperStyleCoefficientsBatched } from './tfjsPaperStyleEstimator';
import { batchedCholeskySolve } from './webgpu/batchedCholeskySolve';
import { drawMetaTrainingOnGpu } from './webgpu/metaTrainingDraws';
import { drawTestTasksOnGpu, testTaskFloatsPerRun } from './webgpu/testTaskDrawsOnGpu';

/**
 * The batched engine on a tfjs backend. Per chunk of R runs, in a handful of batched ops:
 *   Q_i = X_v(i) X_t(i)ᵀ X_t(i)/n_t, q_i likewise with y_t (theory.md §1, B = P − αQ, γ = g − αq)
 * — or these pieces straight from the reduced sampler (isotropic, see outerSystemOfChunk) —
 * then the Gram pieces of the outer system, affine-quadratic in αt (see outerSystem.ts):
 *   over (p > N): PPᵀ, PQᵀ + QPᵀ, QQᵀ, g − Pω0, q − Qω0;  under: PᵀP, PᵀQ + QᵀP, QᵀQ, Pᵀg, Pᵀq + Qᵀg, Qᵀq.
 * On WebGPU the small SPD solves for every (run, αt) run in one WGSL dispatch, and on a hardware
 * adapter direct isotropic draws are generated on the device (metaTrainingDrawProgram.ts);
 * elsewhere both happen on the host.
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
  // The isotropic paper-style estimator: on hardware WebGPU wholly on the GPU — direct draws of
  // the meta-training data and of the test tasks generated there (the CPU's 'direct' sampler, run
  // by run), scored by the batched estimator; elsewhere in a reduced basis on the host
  // (reducedPaperStyle.ts: ~2.5× fewer draws and ~3× fewer flops than the direct sampler, whose
  // draws, generated in JS, would dominate). Other covariances use the batched direct path.
  const mcOnGpu = drawOnGpu && cov.isotropic && pr.estimator === 'mc';
  const hostMc = cov.isotropic && !mcOnGpu;
  const alphas = solvedAlphaT(job);
  const nA = alphas.length;
  const N = pr.nv * pr.m;
  const sampler = mcOnGpu ? 'direct' : 'reduced';
  const { pieces, sys } = await outerSystemOfChunk(job, cov, run0, R, drawOnGpu, sampler);
  const { dim } = sys;
  let gpuSolutions: Float32Array | undefined;
  try {
    if (gpuSolve) {
      const sol = batchedCholeskySolve(sys.A, sys.B, alphas);
      gpuSolutions = (await sol.data()) as Float32Array;
      sol.dispose();
    }
    const [Ad, Bd] = (await Promise.all([sys.A.data(), sys.B.data()])) as Float32Array[];
    const out: RunCoefficients = {
      runs: R,
      nAlphaT: nA,
      coef: new Float64Array(R * nA * 3),
      ill: new Uint8Array(R * nA),
    };
    const consts = exactLossConstants(cov, pr.nr);
    const dd = dim * dim;
    const deviations: Float64Array[][] = [];
    for (let r = 0; r < R; r++) {
      const part = (src: Float32Array, off: number, len: number) =>
        Float64Array.from(src.subarray(off, off + len));
      const system: OuterSystem = {
        overparameterized: pr.p > N,
        dim,
        a: [0, 1, 2].map((k) => part(Ad, (r * 3 + k) * dd, dd)) as OuterSystem['a'],
        b: [0, 1, 2].map((k) => part(Bd, (r * 3 + k) * dim, dim)) as OuterSystem['b'],
      };
      const solutions = gpuSolutions
        ? gpuSolutionsOfRun(gpuSolutions, r, nA, dim)
        : solveAtEveryAlpha(system, alphas);
      deviations.push(
        scoreRun(
          job,
          cov,
          consts,
          run0 + r,
          pieces(r),
          system,
          solutions,
          out,
          r,
          hostMc ? 'reduced' : 'skip',
        ),
      );
    }
    if (pr.estimator === 'mc' && mcOnGpu) await paperStyleOnGpu(job, cov, run0, deviations, out);
    else if (pr.estimator === 'mc' && !hostMc)
      await paperStyleCoefficientsBatched(job, cov, run0, deviations, out.coef);
    return out;
  } finally {
    tf.dispose([sys.A, sys.B]);
  }
}

/** Test tasks generated on the GPU per batch of runs: at most this many floats (64 MB) at once. */
const GPU_TEST_TASK_FLOATS = 1 << 24;

/** The batched paper-style estimator with test tasks generated on the GPU, batch by batch. */
async function paperStyleOnGpu(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  deviations: Float64Array[][],
  out: RunCoefficients,
): Promise<void> {
  const step = Math.max(1, Math.floor(GPU_TEST_TASK_FLOATS / testTaskFloatsPerRun(job.params)));
  const perRun = out.nAlphaT * 3;
  for (let r = 0; r < deviations.length; r += step) {
    const e = Math.min(deviations.length, r + step);
    const draws = drawTestTasksOnGpu(job.params, run0 + r, e - r);
    try {
      const coef = out.coef.subarray(r * perRun, e * perRun);
      await paperStyleCoefficientsBatched(job, cov, run0 + r, deviations.slice(r, e), coef, draws);
    } finally {
      tf.dispose(Object.values(draws));
    }
  }
}

/** Run r's solutions from the batched solve's read-back (per (run, αt): L (dim²), x (dim), ill). */
function gpuSolutionsOfRun(data: Float32Array, r: number, nA: number, dim: number): AlphaSolutions {
  const out = { dim, x: new Float64Array(nA * dim), ill: new Uint8Array(nA) };
  const stride = dim * dim + dim + 1;
  for (let j = 0; j < nA; j++) {
    const o = (r * nA + j) * stride + dim * dim;
    for (let i = 0; i < dim; i++) out.x[j * dim + i] = data[o + i];
    out.ill[j] = data[o + dim] !== 0 ? 1 : 0;
  }
  return out;
}

/**
 * The outer systems of runs [run0, run0 + R) as tensors, and each run's Float64 pieces for the
 * host's scoring, sampled as the CPU engine samples them with `sampler` (sampleOuterPieces), so
 * engines agree run by run: isotropic inputs use the reduced sampler on the host where it pays
 * (reducedMetaTraining.ts: a few hundred draws per task, no n_t·p products); otherwise the direct
 * draws — generated on the GPU for isotropic inputs on hardware WebGPU (the same streams), else on
 * the host — with Q and q formed by batched matMuls.
 */
async function outerSystemOfChunk(
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
    const pc = piecesFromHost(host);
    const sys = outerSystemTensors(job, pc, R);
    tf.dispose(Object.values(pc));
    return { pieces: (r) => host[r], sys };
  }
  // On WebGPU the isotropic draws are generated on the device (same streams as the host's direct
  // sampler), so only the pieces come back; otherwise they are drawn here and uploaded.
  const gpuDraws = drawOnGpu && cov.isotropic;
  const draws = gpuDraws
    ? undefined
    : Array.from({ length: R }, (_, r) => drawMetaTraining(pr, cov, run0 + r));
  const inputs = draws ? packDraws(draws, job) : drawMetaTrainingOnGpu(pr, run0, R);
  const pc = piecesFromDraws(job, inputs, R);
  tf.dispose(Object.values(inputs));
  const sys = outerSystemTensors(job, pc, R);
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
