/**
 * The nonlinear / Meta-SGD view as JSON, for the CLI (`npm run repro`): the Fig. 5 sweep, the
 * learned-αt trajectories with their references, Meta-SGD's per-layer learned-rate statistics and
 * the feature-reuse probe. Uses whatever tfjs backend the caller has set.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../../core/params';
import { directContext } from '../job';
import { describeFig5 } from './describeFig5';
import { runFeatureReuseProbe, type ProbeResult } from './featureReuseProbe';
import { runFig5Sweep, type Fig5Result } from './fig5Sweep';
import { fig5Job, learnedRatesJob, metaSgdMlpJob, probeJob } from './jobsFromParams';
import { runLearnedRates, type LearnedRatesResult } from './learnedRatesJob';
import { runMetaSgdMlp, type MetaSgdMlpResult } from './metaSgdMlpJob';

export { describeFig5, PAPER_FIG5_BEST_ALPHA } from './describeFig5';

export type NonlinearSection = 'learnedRates' | 'fig5' | 'metaSgd' | 'probe';
export const NONLINEAR_SECTIONS: readonly NonlinearSection[] = [
  'learnedRates',
  'fig5',
  'metaSgd',
  'probe',
];

export interface Fig5Summary extends Omit<Fig5Result, 'perRun'> {
  setting: ReturnType<typeof fig5Job>['setting'];
  /** z of (loss at the best αt − loss at the αt nearest 0), in combined standard errors. */
  bestVsZeroZ: number;
  statement: string;
}

export interface NonlinearReport {
  backend: string;
  learnedRates?: Omit<LearnedRatesResult, 'trajectories'> & {
    trajectories: (Omit<LearnedRatesResult['trajectories'][number], 'points' | 'alpha'> & {
      steps: number;
    })[];
  };
  fig5?: Fig5Summary;
  metaSgd?: Omit<MetaSgdMlpResult, 'lossCurve'> & { finalTrainLoss: number };
  probe?: ProbeResult;
  seconds: Partial<Record<NonlinearSection, number>>;
}

export async function nonlinearReport(
  params: Params,
  sections: readonly NonlinearSection[] = NONLINEAR_SECTIONS,
  onProgress: (section: NonlinearSection, partial: unknown) => void = () => {},
): Promise<NonlinearReport> {
  const out: NonlinearReport = { backend: tf.getBackend(), seconds: {} };
  const ctx = (s: NonlinearSection) => directContext((p: unknown) => onProgress(s, p));
  const timed = async <T>(s: NonlinearSection, f: () => Promise<T>) => {
    const t0 = performance.now();
    const v = await f();
    out.seconds[s] = (performance.now() - t0) / 1000;
    return v;
  };
  if (sections.includes('learnedRates')) {
    const r = await timed('learnedRates', () =>
      runLearnedRates(learnedRatesJob(params), ctx('learnedRates')),
    );
    out.learnedRates = {
      ...r,
      trajectories: r.trajectories.map(({ points, alpha: _alpha, ...t }) => ({
        ...t,
        steps: points[points.length - 1]?.step ?? 0,
      })),
    };
  }
  if (sections.includes('fig5')) {
    const job = fig5Job(params);
    const full = await timed('fig5', () => runFig5Sweep(job, ctx('fig5')));
    const r: Omit<Fig5Result, 'perRun'> & { perRun?: number[][] } = { ...full };
    delete r.perRun;
    out.fig5 = { ...r, setting: job.setting, ...describeFig5(full) };
  }
  if (sections.includes('metaSgd')) {
    const { lossCurve, ...r } = await timed('metaSgd', () =>
      runMetaSgdMlp(metaSgdMlpJob(params), ctx('metaSgd')),
    );
    out.metaSgd = { ...r, finalTrainLoss: lossCurve[lossCurve.length - 1]?.loss ?? NaN };
  }
  if (sections.includes('probe')) {
    out.probe = await timed('probe', () => runFeatureReuseProbe(probeJob(params), ctx('probe')));
  }
  return out;
}
