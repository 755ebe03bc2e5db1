/**
 * The scale-up job (see src/core/sim/scaleUp.ts): the theory view's own simulation at each scale
 * in turn, each point next to the theory at that scale, streamed as each scale's runs accumulate.
 */
import type { JobRunner } from '../../core/jobs/context';
import { pickParams, THEORY_SETTING_KEYS } from '../../core/params';
import {
  relativeGap,
  type ScaleUpJob,
  type ScaleUpPoint,
  type ScaleUpProgress,
  type ScaleUpResult,
} from '../../core/sim/scaleUp';
import type { SimParams, SimPartial } from '../../core/sim/types';
import { prepareTheory } from '../../core/theory';
import { runSimulation } from './simulate';

/** The theorem's loss at the job's own sizes and rates (null where no theorem applies). */
function theoryAt(p: SimParams): number | null {
  const model = prepareTheory(pickParams(p as never, THEORY_SETTING_KEYS));
  if (model.theorem === null) return null;
  const l = model.loss(p.alphaT, p.alphaR);
  return Number.isFinite(l) ? l : null;
}

export const runScaleUp: JobRunner<ScaleUpJob, ScaleUpProgress, ScaleUpResult> = async (
  { jobs },
  ctx,
) => {
  const points: ScaleUpPoint[] = [];
  const base = { scales: jobs.length, runsPerScale: jobs[0]?.job.params.runs ?? 0 };
  let last: ScaleUpProgress = { ...base, points, scale: 1, runsDone: 0 };
  for (const { scale, job } of jobs) {
    const theory = theoryAt(job.params);
    const r = await runSimulation(job, {
      ...ctx,
      progress: (s: SimPartial) =>
        ctx.progress({
          ...base,
          points: [...points],
          scale,
          runsDone: s.runsDone,
          live: { scale, sim: s.current, theory, ...relativeGap(s.current, theory) },
        }),
    });
    const { p, nt, nv, nr, m } = job.params;
    points.push({
      scale,
      sizes: { p, nt, nv, nr, m },
      theory,
      sim: r.current,
      ...relativeGap(r.current, theory),
    });
    last = { ...base, points: [...points], scale, runsDone: job.params.runs };
    ctx.progress(last);
  }
  return last;
};
