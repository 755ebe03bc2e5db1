import { PARAMS, type Params } from '../params';
import type { SimJob, SimPartial, SimResult } from './types';
import type { JobSpec } from '../jobs/spec';
import { linspace, theorySettingOf } from '../theoryReport';

/** Sweep points along each axis: every point shares the same random draws (common random numbers). */
export const SWEEP_ALPHA_T = [...linspace(PARAMS.alphaT.min, PARAMS.alphaT.max, 25)];
export const SWEEP_ALPHA_R = [...linspace(PARAMS.alphaR.min, PARAMS.alphaR.max, 16)];

/** The simulation job that belongs to a set of parameters (the page and the CLI build it alike). */
export function simJobOf(
  p: Params,
  sweepAlphaT = SWEEP_ALPHA_T,
  sweepAlphaR = SWEEP_ALPHA_R,
): SimJob {
  const { runs, estimator, testTasks, testPoints, alphaT, alphaR } = p;
  return {
    params: { ...theorySettingOf(p), alphaT, alphaR, runs, estimator, testTasks, testPoints },
    sweepAlphaT,
    sweepAlphaR,
    backend: p.backend,
  };
}

/** The live simulation of the theory view (runner: src/compute/sim/simulate.ts). */
export const simJobSpec: JobSpec<SimJob, SimPartial, SimResult> = {
  name: 'sim',
  lane: 'sim',
  worker: 'compute',
  start: 'auto',
  views: ['theory'],
  fromParams: (p) => simJobOf(p),
  progress: (s) => ({ done: s.runsDone, total: s.runsTotal }),
  final: (r) => r,
};
