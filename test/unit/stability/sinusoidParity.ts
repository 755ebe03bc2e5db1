/** A sinusoid grid vs each sampled cell trained alone; shared by Node and browser tests. */
import type { SinusoidGridJob } from '../../../src/core/stability/sinusoidTypes';
import { directContext } from '../../../src/core/jobs/context';
import type { JobRunner } from '../../../src/core/jobs/context';
import type {
  SinusoidGridPartial,
  SinusoidGridResult,
} from '../../../src/core/stability/sinusoidTypes';
import { sinusoidGridTfjsRunner } from '../../../src/compute/stability/sinusoidGridTfjs';

type GridRunner = JobRunner<SinusoidGridJob, SinusoidGridPartial, SinusoidGridResult>;

export const smallJob: SinusoidGridJob = {
  alpha: [0.01, 0.3],
  beta: [0.002, 0.02, 80],
  iterations: 12,
  tasks: 2,
  variant: 'second-order',
  half: false,
  seed: 9,
  reportEvery: 4,
  sizes: [1, 12, 12, 1],
  points: 10,
  evalTasks: 5,
  evalPoints: 20,
};

/** Largest relative difference between the grid's curves and single-cell runs of `cells`. */
export async function gridVsSingleCells(
  job: SinusoidGridJob,
  cells: [number, number][],
  runner: GridRunner = sinusoidGridTfjsRunner,
) {
  const grid = await runner(job, directContext());
  let worst = 0;
  for (const [i, j] of cells) {
    const one = await runner(
      { ...job, alpha: [job.alpha[i]], beta: [job.beta[j]] },
      directContext(),
    );
    const a = grid.curves[i][j];
    const b = one.curves[0][0];
    if (a.length !== b.length) return Infinity;
    a.forEach((v, r) => {
      const w = b[r];
      if ((v === null) !== (w === null)) worst = Infinity;
      else if (v !== null && w !== null) worst = Math.max(worst, Math.abs(v - w) / Math.abs(w));
    });
  }
  return { worst, grid };
}
