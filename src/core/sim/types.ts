/**
 * Types of a Monte-Carlo simulation job of mixed linear regression with MAML (theory.md §1).
 *
 * A job = the normalized parameters + two sweeps: loss vs αt (at params.alphaR) and loss vs αr
 * (at params.alphaT). Every point of both sweeps and the current point use the same random draws
 * (common random numbers), so differences between points are precise.
 */

import {
  SIM_RUN_KEYS,
  THEORY_SETTING_KEYS,
  type Params,
  type SimRunKey,
  type TheorySettingParams,
} from '../params';

export type { CovarianceKind } from '../covariance';
export type Estimator = Params['estimator'];
export type BackendChoice = Params['backend'];

/** The setting, the two rates and how to run: every field a link key of the parameter table. */
export type SimParams = TheorySettingParams & Pick<Params, 'alphaT' | 'alphaR' | SimRunKey>;

export interface SimJob {
  params: SimParams;
  /** αt values, evaluated at params.alphaR. */
  sweepAlphaT: number[];
  /** αr values, evaluated at params.alphaT. */
  sweepAlphaR: number[];
  /** Which compute backend to use (link key `backend`); the worker resolves 'auto'. */
  backend?: BackendChoice;
}

/** Mean and ±1 standard error of one simulated point, over the runs done so far. */
export interface PointStats {
  mean: number;
  /** std (ddof = 1) / √n. */
  stderr: number;
  /** Runs counted (finite, well-conditioned). */
  n: number;
  /** Some runs hit a (nearly) singular outer system: near p = nv·m the result is unreliable. */
  illConditioned: boolean;
  /** Some runs gave a non-finite or astronomically large loss. */
  diverged: boolean;
}

export interface SimPartial {
  /** Stable key of the parameters that produced this result (see simJobKey). */
  jobKey: string;
  runsDone: number;
  runsTotal: number;
  elapsedMs: number;
  /** The compute backend that produced it (e.g. 'webgpu', 'wasm', 'cpu'). */
  backend: string;
  /** Set when the job had to leave the requested backend (e.g. 'WebGPU device lost; continuing on wasm'). */
  notice?: string;
  current: PointStats;
  alphaT: PointStats[];
  alphaR: PointStats[];
}

/** The final partial (runsDone = runsTotal). */
export type SimResult = SimPartial;

/** Parameters that change the simulated numbers; `backend` too (float32 GPU ≠ float64 CPU). */
const KEY_FIELDS: readonly (keyof SimParams)[] = [
  ...THEORY_SETTING_KEYS,
  'alphaT',
  'alphaR',
  ...SIM_RUN_KEYS,
];

/**
 * A stable string naming exactly the numbers a job produces: the page draws a partial result only
 * when its jobKey equals the key of the parameters it currently shows.
 */
export function simJobKey(job: SimJob): string {
  const p = job.params;
  const fields = KEY_FIELDS.map((k) => `${k}=${String(p[k])}`);
  if (p.cov !== 'diag') fields.splice(fields.indexOf(`sx=${String(p.sx)}`), 2);
  return [
    'sim',
    ...fields,
    `aT=${job.sweepAlphaT.join(',')}`,
    `aR=${job.sweepAlphaR.join(',')}`,
    `backend=${job.backend ?? 'auto'}`,
  ].join('|');
}
