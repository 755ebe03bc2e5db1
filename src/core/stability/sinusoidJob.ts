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
    sizes: [1, p.stWidth, p.stWidth, 1],
    points: p.stShots,
    evalTasks: p.stEvalTasks,
    evalPoints: p.stEvalPoints,
  };
}
