import * as tf from '@tensorflow/tfjs-core';
import { solveAtEveryAlpha, type AlphaSolutions } from '../../core/sim/choleskySolve';
import { scoreRun } from '../../core/sim/cpuSimulation';
import { solvedAlphaT, type RunCoefficients } from '../../core/sim/lossCoefficients';
import type { OuterSystem } from '../../core/sim/outerSystem';
import { exactLossConstants, type SimCovariances } from '../../core/sim/simCovariances';
import type { SimJob } from '../../core/sim/types';
import { outerSystemOfChunk } from './outerSystemTensors';
import type { SimEngine } from './simEngine';
import { paperStyleCoefficientsBatched } from './tfjsPaperStyleEstimator';
import { batchedCholeskySolve } from './webgpu/batchedCholeskySolve';
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
      try {
        gpuSolutions = (await sol.data()) as Float32Array;
      } finally {
        sol.dispose();
      }
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
