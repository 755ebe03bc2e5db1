/**
 * The nonlinear / Meta-SGD view as JSON, for the CLI (`npm run repro`): the Fig. 5 sweep, the
 * learned-αt trajectories with their references, Meta-SGD's per-layer learned-rate statistics and
 * the feature-reuse probe. Uses whatever tfjs backend the caller has set.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../../core/params';
import { directContext } from '../job';
import { runFeatureReuseProbe, type ProbeResult } from './featureReuseProbe';
import { runFig5Sweep, type Fig5Result } from './fig5Sweep';
import { fig5Job, learnedRatesJob, metaSgdMlpJob, probeJob } from './jobsFromParams';
import { runLearnedRates, type LearnedRatesResult } from './learnedRatesJob';
import { runMetaSgdMlp, type MetaSgdMlpResult } from './metaSgdMlpJob';

export type NonlinearSection = 'learnedRates' | 'fig5' | 'metaSgd' | 'probe';
export const NONLINEAR_SECTIONS: readonly NonlinearSection[] = [
  'learnedRates',
  'fig5',
  'metaSgd',
  'probe',
];

/** The paper's best training rate in Fig. 5 (Bernacchia 2021 §5.4). */
export const PAPER_FIG5_BEST_ALPHA = -0.0075;

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

/** Plain-words comparison of a Fig. 5 sweep with the paper's −0.0075. */
export function describeFig5(r: Fig5Result): { bestVsZeroZ: number; statement: string } {
  const best = r.alphas.indexOf(r.bestAlpha);
  let zero = 0;
  r.alphas.forEach((a, i) => {
    if (Math.abs(a) < Math.abs(r.alphas[zero])) zero = i;
  });
  const z =
    (r.meanTestLoss[best] - r.meanTestLoss[zero]) / Math.hypot(r.stderr[best], r.stderr[zero]);
  const sign = r.bestAlpha < 0 ? 'negative' : r.bestAlpha > 0 ? 'positive' : 'zero';
  const sig =
    best === zero
      ? 'αt ≈ 0 itself is best'
      : `${Math.abs(z).toFixed(1)} standard errors below αt = ${r.alphas[zero].toPrecision(2)}`;
  return {
    bestVsZeroZ: z,
    statement:
      `Best αt found: ${r.bestAlpha.toPrecision(3)} (${sign}; ${sig}). ` +
      `The paper found ${PAPER_FIG5_BEST_ALPHA} at width 400, 5000 epochs, 10 runs.`,
  };
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
