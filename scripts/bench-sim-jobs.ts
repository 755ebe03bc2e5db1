/** The bench workloads (Fig. 2b of Bernacchia 2021), shared by the Node and browser benches. */
import { parseLink } from '../src/core/params';
import { THEORY_PRESETS } from '../src/core/presets';
import { simJobOf } from '../src/core/sim/job';
import type { SimJob } from '../src/core/sim/types';

/** Fig. 2b's setting, read from its preset link exactly as the page and the CLI read it. */
const fig2 = simJobOf(
  parseLink(THEORY_PRESETS.find((x) => x.id === 'fig2b')!.query + '&runs=1000').params,
).params;

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
