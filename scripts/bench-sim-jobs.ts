/** The bench workloads (Fig. 2b of Bernacchia 2021), shared by the Node and browser benches. */
import type { SimJob, SimParams } from '../src/core/sim/types';

const fig2: SimParams = {
  nt: 30,
  nv: 2,
  nr: 20,
  m: 3,
  p: 60,
  sigma: 1,
  nu: 0.5,
  w0: 0,
  omega0: 0,
  cov: 'iso',
  sx: [0.25, 1.75],
  sw: [1.75, 0.25],
  seed: 1,
  alphaT: 0.2,
  alphaR: 0.2,
  runs: 1000,
  estimator: 'exact',
  testTasks: 100,
  testPoints: 50,
};
/** The 21 αt values of Fig. 2b, from −2 to 2. */
export const FIG2B_ALPHA_T = Array.from({ length: 21 }, (_, i) => -2 + 0.2 * i);

export function benchJobs(quick: boolean): { name: string; job: SimJob }[] {
  return [
    {
      name: 'Fig. 2b exact (21 αt × 1000 runs)',
      job: { params: fig2, sweepAlphaT: FIG2B_ALPHA_T, sweepAlphaR: [] },
    },
    {
      name: `Fig. 2b paper-style (21 αt × ${quick ? 100 : 1000} runs × 100 tasks × 50 points)`,
      job: {
        params: { ...fig2, estimator: 'mc', runs: quick ? 100 : 1000 },
        sweepAlphaT: FIG2B_ALPHA_T,
        sweepAlphaR: [],
      },
    },
  ];
}
