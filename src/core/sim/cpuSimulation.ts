import { solveAtEveryAlpha, type AlphaSolutions } from './choleskySolve';
import { drawMetaTraining, drawTestTasks, type TestTaskDraw } from './draws';
import { exactCoefficients, solvedAlphaT, type RunCoefficients } from './lossCoefficients';
import {
  deviationFromSolution,
  outerPieces,
  outerRowSums,
  outerSystem,
  squaredDeviationOverparameterized,
  type OuterPieces,
  type OuterSystem,
} from './outerSystem';
import {
  exactLossConstants,
  quadraticForm,
  type ExactLossConstants,
  type SimCovariances,
} from './simCovariances';
import { reducedPaperStyleCoefficients } from './reducedPaperStyle';
import { reducedMetaTrainingPays, reducedOuterPieces } from './reducedMetaTraining';
import type { SimJob } from './types';

/**
 * How a run's data are sampled: 'direct' draws X_t, X_v, w, X_r, … as in the paper (any covariance;
 * the oracle of the batched GPU path); 'reduced' samples the same distribution in the few directions
 * that matter (isotropic only, several times faster): the meta-training pieces when that pays
 * (reducedMetaTraining.ts) and the paper-style estimator's test tasks (reducedPaperStyle.ts).
 */
export type Sampler = 'direct' | 'reduced';

/** The outer-loop pieces of one run, sampled as `sampler` says (see Sampler). */
export function sampleOuterPieces(
  pr: SimJob['params'],
  cov: SimCovariances,
  run: number,
  sampler: Sampler = 'reduced',
): OuterPieces {
  if (sampler === 'reduced' && cov.isotropic && reducedMetaTrainingPays(pr))
    return reducedOuterPieces(pr, run);
  return outerPieces(drawMetaTraining(pr, cov, run), pr);
}

/**
 * The plain-Float64 reference implementation of runs [run0, run1) of a job (theory.md §1): draw
 * m meta-training tasks, solve the outer loop exactly at every αt, score with the exact or the
 * paper-style estimator. The test oracle of the tfjs paths, and the CPU engine itself.
 */
export function simulateRunsCpu(
  job: SimJob,
  cov: SimCovariances,
  run0: number,
  run1: number,
  sampler: Sampler = 'reduced',
): RunCoefficients {
  const alphas = solvedAlphaT(job);
  const nA = alphas.length;
  const runs = run1 - run0;
  const out: RunCoefficients = {
    runs,
    nAlphaT: nA,
    coef: new Float64Array(runs * nA * 3),
    ill: new Uint8Array(runs * nA),
  };
  const consts = exactLossConstants(cov, job.params.nr);
  for (let r = 0; r < runs; r++) {
    const pieces = sampleOuterPieces(job.params, cov, run0 + r, sampler);
    const sys = outerSystem(pieces, job.params.omega0);
    const solutions = solveAtEveryAlpha(sys, alphas);
    scoreRun(job, cov, consts, run0 + r, pieces, sys, solutions, out, r, sampler);
  }
  return out;
}

/**
 * From the outer solutions of one run at every solved αt, the run's loss coefficients (exact or
 * paper-style estimator) into row r of out. Shared by the CPU and the tfjs engines. Returns
 * d = ω* − w0 for each αt when it was formed (always for the paper-style estimator, which a batched
 * engine may score itself: mcSampler = 'skip').
 */
export function scoreRun(
  job: SimJob,
  cov: SimCovariances,
  consts: ExactLossConstants,
  run: number,
  pieces: OuterPieces,
  sys: OuterSystem,
  solutions: AlphaSolutions,
  out: RunCoefficients,
  r: number,
  mcSampler: Sampler | 'skip' = 'reduced',
): Float64Array[] {
  const pr = job.params;
  const { p } = pr;
  const alphas = solvedAlphaT(job);
  const nA = alphas.length;
  // Isotropic exact estimator, p > N: |ω* − w0|² from the Gram pieces, without forming ω*.
  const gramOnly = pr.estimator === 'exact' && !consts.h && sys.overparameterized;
  const sums = gramOnly ? outerRowSums(pieces) : undefined;
  const d = gramOnly ? [] : alphas.map(() => new Float64Array(pieces.p));
  const h2 = 1 + (p + 1) / pr.nr;
  const { dim, x } = solutions;
  out.ill.set(solutions.ill, r * nA);
  for (let j = 0; j < nA; j++) {
    const off = (r * nA + j) * 3;
    if (sums) {
      const dd = squaredDeviationOverparameterized(sys, sums, x, j * dim, alphas[j], pr, p);
      exactCoefficients(consts, pr.sigma, pr.nr, dd, dd, dd * h2, out.coef, off);
      continue;
    }
    const xj = x.subarray(j * dim, (j + 1) * dim);
    deviationFromSolution(pieces, sys, xj, alphas[j], pr.w0, pr.omega0, d[j]);
    if (pr.estimator === 'exact') {
      const [h0, h1, hh2] = consts.h ?? [undefined, undefined, undefined];
      const a0 = quadraticForm(h0, d[j], pieces.p);
      const a1 = consts.h ? quadraticForm(h1, d[j], pieces.p) : a0;
      const a2 = consts.h ? quadraticForm(hh2, d[j], pieces.p) : a0 * h2;
      exactCoefficients(consts, pr.sigma, pr.nr, a0, a1, a2, out.coef, off);
    }
  }
  if (pr.estimator === 'mc' && mcSampler !== 'skip') {
    if (cov.isotropic && mcSampler === 'reduced')
      reducedPaperStyleCoefficients(
        pr,
        run,
        d,
        out.coef,
        r * nA * 3,
        spanOfDeviations(pieces, sys, pr),
      );
    else
      mcCoefficients(
        job,
        cov,
        drawTestTasks(pr, cov, run, pr.testTasks, pr.testPoints),
        d,
        out.coef,
        r * nA * 3,
      );
  }
  return d;
}

/**
 * Paper-style estimator: each test task adapts θ = ω* − (αr/nr) X_rᵀ(X_r ω* − y_r) and is scored on
 * n_s fresh points, whose loss given θ is (vᵀΣv + σ²)·χ²(n_s)/(2n_s), v = w − θ = u + αr·g with
 * u = w − ω*, g = X_rᵀ s/nr, s = X_r(ω* − w) − σ z_r. So loss(αr) is quadratic in αr per task.
 */
function mcCoefficients(
  job: SimJob,
  cov: SimCovariances,
  t: TestTaskDraw,
  d: Float64Array[],
  coef: Float64Array,
  off: number,
): void {
  const { p, nr, sigma, w0, testTasks: T, testPoints: ns } = job.params;
  const u = new Float64Array(p);
  const g = new Float64Array(p);
  const su = new Float64Array(p);
  const sg = new Float64Array(p);
  const s = new Float64Array(nr);
  const sums = new Float64Array(d.length * 3);
  for (let k = 0; k < T; k++) {
    const chi = t.chi2[k];
    const xo = k * nr * p;
    for (let j = 0; j < d.length; j++) {
      for (let i = 0; i < p; i++) u[i] = t.w[k * p + i] - w0 - d[j][i];
      for (let i = 0; i < nr; i++) {
        let acc = 0;
        for (let c = 0; c < p; c++) acc += t.xr[xo + i * p + c] * u[c];
        s[i] = -acc - sigma * t.zr[k * nr + i];
      }
      g.fill(0);
      for (let i = 0; i < nr; i++) {
        const si = s[i] / nr;
        for (let c = 0; c < p; c++) g[c] += t.xr[xo + i * p + c] * si;
      }
      const uSu = applySigma(cov, u, su);
      const gSg = applySigma(cov, g, sg);
      let uSg = 0;
      for (let i = 0; i < p; i++) uSg += u[i] * sg[i];
      sums[j * 3] += chi * (uSu + sigma * sigma);
      sums[j * 3 + 1] += chi * 2 * uSg;
      sums[j * 3 + 2] += chi * gSg;
    }
  }
  const scale = 1 / (2 * ns * T);
  for (let i = 0; i < sums.length; i++) coef[off + i] = sums[i] * scale;
}

/** out = Σx; returns xᵀΣx. */
function applySigma(cov: SimCovariances, x: Float64Array, out: Float64Array): number {
  const { p } = cov;
  if (cov.isotropic) out.set(x);
  else {
    const h = cov.sigma!;
    for (let i = 0; i < p; i++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += h[i * p + j] * x[j];
      out[i] = acc;
    }
  }
  let q = 0;
  for (let i = 0; i < p; i++) q += x[i] * out[i];
  return q;
}

/** Vectors spanning every ω* − w0 when p > N: rows of P and Q (ω* − ω0 = Bᵀc), and 1 if ω0 ≠ w0. */
function spanOfDeviations(
  pc: OuterPieces,
  sys: OuterSystem,
  pr: SimJob['params'],
): Float64Array[] | undefined {
  if (!sys.overparameterized) return undefined;
  const { n, p } = pc;
  const rows = (x: Float64Array) =>
    Array.from({ length: n }, (_, i) => x.subarray(i * p, (i + 1) * p));
  const out = [...rows(pc.P), ...rows(pc.Q)];
  if (pr.omega0 !== pr.w0) out.push(pc.one);
  return out;
}
