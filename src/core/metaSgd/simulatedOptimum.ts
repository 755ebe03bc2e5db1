/**
 * The simulated optimum of α_t in mixed linear regression: the test loss of the exact outer-loop
 * solution (theory.md §1, exact conditional estimator) averaged over meta-training draws, on a grid
 * of α_t with common random numbers (the same draws at every α_t, so the curve is smooth), its
 * minimizer by a parabola through the best grid point and its neighbours, and the minimizer's
 * standard error by the delta method: SE(α̂) ≈ SE(mean hyper-gradient at α̂) / curvature.
 * This is the target the test-loss hyper-gradient should reach; Eq. 8's α_t⁻ is its large-size limit.
 * The loss curve is the theory view's own simulation (src/core/sim, exact estimator, isotropic).
 */
import { PARAMS } from '../params';
import { createRng } from '../rng';
import { simulateRunsCpu } from '../sim/cpuSimulation';
import { accumulateRuns, createAccumulators } from '../sim/lossCoefficients';
import { covariancesForSim } from '../sim/simCovariances';
import type { SimJob } from '../sim/types';
import { solveOuterLoop } from './exactOuterSolution';
import { drawTasks, type LinearSetting } from './linearTasks';

export interface SimulatedOptimum {
  alphas: number[];
  meanLoss: number[];
  /** Standard error of each mean, std(ddof = 1)/√draws (theory.md §1). */
  stderr: number[];
  argmin: number;
  argminStderr: number;
  draws: number;
}

const STREAM = 21;

export function simulatedAlphaOptimum(
  st: LinearSetting,
  alphas: readonly number[],
  draws: number,
  seed: number,
): SimulatedOptimum {
  const job: SimJob = {
    params: {
      ...st,
      cov: 'iso',
      sx: PARAMS.sx.default,
      sw: PARAMS.sw.default,
      seed,
      alphaT: alphas[0],
      runs: draws,
      estimator: 'exact',
      testTasks: PARAMS.testTasks.default,
      testPoints: PARAMS.testPoints.default,
    },
    sweepAlphaT: [...alphas],
    sweepAlphaR: [],
  };
  const acc = createAccumulators(job);
  accumulateRuns(job, simulateRunsCpu(job, covariancesForSim(job.params), 0, draws), acc);
  const points = acc.slice(1).map((a) => a.stats());
  const meanLoss = points.map((p) => p.mean);
  const stderr = points.map((p) => p.stderr);
  let best = 0;
  for (let k = 1; k < alphas.length; k++) if (meanLoss[k] < meanLoss[best]) best = k;
  const k = Math.min(Math.max(best, 1), alphas.length - 2);
  const [x0, x1, x2] = [alphas[k - 1], alphas[k], alphas[k + 1]];
  const [y0, y1, y2] = [meanLoss[k - 1], meanLoss[k], meanLoss[k + 1]];
  // Parabola through three points: vertex and second derivative.
  const d01 = (y1 - y0) / (x1 - x0);
  const d12 = (y2 - y1) / (x2 - x1);
  const curvature = (2 * (d12 - d01)) / (x2 - x0);
  const argmin = curvature > 0 ? (x0 + x1) / 2 - (d01 * (x2 - x0)) / (2 * (d12 - d01)) : x1;
  // Spread of the hyper-gradient at α̂ (its own draws: an estimate of the same spread).
  const rng = createRng(seed, STREAM);
  let g1 = 0;
  let g2 = 0;
  for (let d = 0; d < draws; d++) {
    const g = solveOuterLoop(drawTasks(rng, st), Float64Array.of(argmin), st).hyperGrad[0];
    g1 += g;
    g2 += g * g;
  }
  const gMean = g1 / draws;
  const gSe = Math.sqrt((g2 - draws * gMean * gMean) / (draws - 1) / draws);
  const argminStderr = curvature > 0 ? gSe / curvature : Infinity;
  return { alphas: [...alphas], meanLoss, stderr, argmin, argminStderr, draws };
}
