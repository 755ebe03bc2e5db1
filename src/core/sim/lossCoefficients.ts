import { nearInterpolationThreshold } from './choleskySolve';
import type { ExactLossConstants } from './simCovariances';
import { PointAccumulator } from './stats';
import type { SimJob, SimParams } from './types';

/**
 * Every run's test loss is a quadratic in αr once ω* (i.e. αt) is fixed:
 * loss(αr) = c0 + c1·αr + c2·αr² (the adapted θ is affine in αr). A run is summarised by these three
 * coefficients for each solved αt, which serves the current point, the αt sweep (at params.alphaR)
 * and the αr sweep (at params.alphaT) alike.
 */
export interface RunCoefficients {
  runs: number;
  /** Solved αt values: [params.alphaT, ...sweepAlphaT]. */
  nAlphaT: number;
  /** runs × nAlphaT × 3. */
  coef: Float64Array;
  /** runs × nAlphaT: the outer system was numerically singular. */
  ill: Uint8Array;
}

export function solvedAlphaT(job: SimJob): number[] {
  return [job.params.alphaT, ...job.sweepAlphaT];
}

/**
 * Exact conditional expectation of the test loss given ω* (theory.md §1):
 * L = σ²/2 (1 + αr² TrΣ²/nr) + ½[(t0 + a0) − 2αr (t1 + a1) + αr² (t2 + a2)], ak = dᵀHk d, d = ω* − w0.
 */
export function exactCoefficients(
  k: ExactLossConstants,
  sigma: number,
  nr: number,
  a0: number,
  a1: number,
  a2: number,
  out: Float64Array,
  off: number,
): void {
  const s2 = sigma * sigma;
  out[off] = s2 / 2 + (k.t[0] + a0) / 2;
  out[off + 1] = -(k.t[1] + a1);
  out[off + 2] = (s2 * k.trSigma2) / (2 * nr) + (k.t[2] + a2) / 2;
}

export const evalLoss = (c: ArrayLike<number>, off: number, alphaR: number) =>
  c[off] + alphaR * (c[off + 1] + alphaR * c[off + 2]);

/** Accumulators for [current, ...αt sweep, ...αr sweep]. */
export function createAccumulators(job: SimJob): PointAccumulator[] {
  const n = 1 + job.sweepAlphaT.length + job.sweepAlphaR.length;
  return Array.from({ length: n }, () => new PointAccumulator());
}

/** Adds a chunk of runs to the point accumulators. */
export function accumulateRuns(job: SimJob, rc: RunCoefficients, acc: PointAccumulator[]): void {
  const { params: pr, sweepAlphaT, sweepAlphaR } = job;
  const nA = rc.nAlphaT;
  const nearThreshold = nearInterpolationThreshold(pr.p, pr.nv * pr.m);
  for (let r = 0; r < rc.runs; r++) {
    const base = r * nA;
    const ill0 = nearThreshold || rc.ill[base] === 1;
    acc[0].add(evalLoss(rc.coef, base * 3, pr.alphaR), ill0);
    for (let i = 0; i < sweepAlphaT.length; i++) {
      const j = base + 1 + i;
      acc[1 + i].add(evalLoss(rc.coef, j * 3, pr.alphaR), nearThreshold || rc.ill[j] === 1);
    }
    const off = 1 + sweepAlphaT.length;
    for (let i = 0; i < sweepAlphaR.length; i++)
      acc[off + i].add(evalLoss(rc.coef, base * 3, sweepAlphaR[i]), ill0);
  }
}

/** Checks a job's sizes before simulating it (the page's table already clamps them). */
export function validateSimParams(p: SimParams): void {
  const ints: (keyof SimParams)[] = ['p', 'm', 'nt', 'nv', 'nr', 'runs', 'testTasks', 'testPoints'];
  for (const k of ints) {
    const v = p[k] as number;
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`simulation: ${k} must be a positive integer`);
  }
}
