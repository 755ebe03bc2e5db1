/**
 * The simulated optimum of α_t in mixed linear regression: the test loss of the exact outer-loop
 * solution (theory.md §1, exact conditional estimator) averaged over meta-training draws, on a grid
 * of α_t with common random numbers (the same draws at every α_t, so the curve is smooth), its
 * minimizer by a parabola through the best grid point and its neighbours, and the minimizer's
 * standard error by the delta method: SE(α̂) ≈ SE(mean hyper-gradient at α̂) / curvature.
 * This is the target the test-loss hyper-gradient should reach; Eq. 8's α_t⁻ is its large-size limit.
 */
import { createRng } from '../rng';
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
  const sum = new Float64Array(alphas.length);
  const sumSq = new Float64Array(alphas.length);
  let rng = createRng(seed, STREAM);
  for (let d = 0; d < draws; d++) {
    const tasks = drawTasks(rng, st);
    alphas.forEach((a, k) => {
      const l = solveOuterLoop(tasks, Float64Array.of(a), st, false).testLoss;
      sum[k] += l;
      sumSq[k] += l * l;
    });
  }
  const meanLoss = Array.from(sum, (s) => s / draws);
  const stderr = meanLoss.map((m, k) =>
    Math.sqrt(Math.max(0, (sumSq[k] - draws * m * m) / (draws - 1)) / draws),
  );
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
  // Second pass over the same draws (same seed and stream): spread of the hyper-gradient at α̂.
  rng = createRng(seed, STREAM);
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
