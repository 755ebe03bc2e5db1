/** The sinusoid grid job a parameter set describes — shared by the page and the CLI (no tfjs). */
import type { SinusoidGridJob } from './sinusoidTypes';
import type { Params } from '../params';
import { gridAxis } from './grid';

export function sinusoidJobFromParams(p: Params): SinusoidGridJob {
  return {
    alpha: gridAxis(p.stAlpha, p.stAlphaCells, p.stAlphaAxis),
    beta: gridAxis(p.stBeta, p.stBetaCells, p.stBetaAxis),
    iterations: p.stIters,
    tasks: p.stTasks,
    variant: p.stOrder,
    half: p.stHalf,
    seed: p.stSeed,
    reportEvery: 10,
  };
}

/** Name of the sinusoid grid job in the compute worker (job = SinusoidGridJob & { backend? }). */
export const STABILITY_SINUSOID_JOB = 'stabilitySinusoid';
