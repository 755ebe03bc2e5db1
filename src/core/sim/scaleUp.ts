/**
 * "The theory is asymptotic", made visible. The theorems are limits (theory.md §1): Theorem 1 (and
 * 3, p > n_v·m) in large p and n_t, Theorem 2 (p < n_v·m) in large m. This job walks the current
 * setting along its theorem's own limit, by k = 1, 2, 4, 8 — overparameterized: p, n_t and n_r × k
 * (n_v, m fixed, so n_v·m/p shrinks and α_r²p/n_r stays put); underparameterized: m × k — and at
 * each scale simulates the current rates with the exact estimator, against the theory at that
 * scale. The finite-size gap shrinks with k (theory.md: +0.85 %, +0.20 %, +0.06 % at ×1, ×2, ×4 of
 * Fig. 2 at α_t = 0); a gap that did not shrink would be a bug. With n_v·m/p held fixed instead
 * the gap does not shrink: it is the theorem's error in the ratio, not a sampling artefact.
 * Runner: src/compute/sim/scaleUp.ts.
 */
import type { JobSpec } from '../jobs/spec';
import { PARAMS, type Params } from '../params';
import { simJobOf } from './job';
import type { PointStats, SimJob } from './types';

export interface ScaleUpJob {
  /** One simulation job per scale (current point only, exact estimator). */
  jobs: { scale: number; job: SimJob }[];
}

export interface ScaleUpPoint {
  scale: number;
  sizes: { p: number; nt: number; nv: number; nr: number; m: number };
  theory: number | null;
  sim: PointStats;
  /** (simulated − theory)/theory, and its standard error SE(sim)/theory. */
  gap: number | null;
  gapSe: number | null;
}

export interface ScaleUpProgress {
  points: ScaleUpPoint[];
  /** The scale being simulated now, and its runs so far. */
  scale: number;
  runsDone: number;
  runsPerScale: number;
  scales: number;
  /** The scale being simulated, its point so far (absent once every scale is done). */
  live?: Omit<ScaleUpPoint, 'sizes'>;
}

export type ScaleUpResult = ScaleUpProgress;

/** Which sizes grow along the theorem's limit (see the header). */
export const scaledKeys = (p: Params) =>
  p.p > p.nv * p.m ? (['p', 'nt', 'nr'] as const) : (['m'] as const);

/** The sizes at scale k (what the theory and the simulation use there). */
export function scaledParams(p: Params, k: number): Params {
  const out = { ...p };
  for (const key of scaledKeys(p)) out[key] = p[key] * k;
  return out;
}

const fits = (p: Params, k: number) => scaledKeys(p).every((key) => p[key] * k <= PARAMS[key].max);

export function scaleUpJob(p: Params): ScaleUpJob {
  const top = Number(p.scaleUpTo);
  const scales = [1, 2, 4, 8].filter((k) => k <= top && fits(p, k));
  return {
    jobs: scales.map((scale) => {
      const job = simJobOf(
        { ...scaledParams(p, scale), runs: p.scaleRuns, estimator: 'exact' },
        [],
        [],
      );
      return { scale, job };
    }),
  };
}

/** Relative gap and its SE from a simulated point and the theory. */
export function relativeGap(sim: PointStats, theory: number | null) {
  const usable = theory !== null && theory > 0 && !sim.illConditioned && !sim.diverged;
  return {
    gap: usable ? (sim.mean - theory!) / theory! : null,
    gapSe: usable ? sim.stderr / theory! : null,
  };
}

export const scaleUpSpec: JobSpec<ScaleUpJob, ScaleUpProgress, ScaleUpResult> = {
  name: 'sim-scale-up',
  lane: 'sim-scale-up',
  worker: 'compute',
  start: 'manual',
  views: ['theory'],
  fromParams: scaleUpJob,
  progress: (s) => ({
    done:
      s.points.length * s.runsPerScale +
      (s.points.some((q) => q.scale === s.scale) ? 0 : s.runsDone),
    total: s.scales * s.runsPerScale,
    phase: `×${s.scale}: ${s.runsDone} / ${s.runsPerScale} runs`,
  }),
  final: (r) => r,
};
