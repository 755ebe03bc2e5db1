import { PARAMS, type Params } from './params';
import type { SimJob } from './sim/types';
import { linspace } from './theoryReport';

/** The simulation job that belongs to a set of parameters (the page and the CLI build it alike). */
/** Sweep points along each axis: every point shares the same random draws (common random numbers). */
export const SWEEP_ALPHA_T = [...linspace(PARAMS.alphaT.min, PARAMS.alphaT.max, 25)];
export const SWEEP_ALPHA_R = [...linspace(PARAMS.alphaR.min, PARAMS.alphaR.max, 16)];

export function simJobOf(
  p: Params,
  sweepAlphaT = SWEEP_ALPHA_T,
  sweepAlphaR = SWEEP_ALPHA_R,
): SimJob {
  return {
    params: {
      p: p.p,
      m: p.m,
      nt: p.nt,
      nv: p.nv,
      nr: p.nr,
      sigma: p.sigma,
      nu: p.nu,
      w0: p.w0,
      omega0: p.omega0,
      cov: p.cov,
      sx: p.sx,
      sw: p.sw,
      seed: p.seed,
      alphaT: p.alphaT,
      alphaR: p.alphaR,
      runs: p.runs,
      estimator: p.estimator,
      testTasks: p.testTasks,
      testPoints: p.testPoints,
    },
    sweepAlphaT,
    sweepAlphaR,
    backend: p.backend,
  };
}
