import type { JobStatus } from '../jobs/spec';
/**
 * The nonlinear view's report, shaped from its jobs' results in one place for the CLI (`repro` with
 * view=nonlinear) and the page's CSV / JSON export, so that the two write the same schema. No tfjs:
 * the page imports this.
 */
import { fig5Job } from '../fig5/job';
import type { ProbeProgress, ProbeResult } from '../probe/types';
import type { Fig5Progress, Fig5Result } from '../fig5/types';
import type {
  LearnedRatesProgress,
  LearnedRatesResult,
  TrajectorySummary,
} from '../metaSgd/learnedRatesTypes';
import type { MetaSgdMlpResult, MetaSgdProgress } from '../metaSgd/mlpTypes';
import type { Curve } from '../curvesCsv';
import type { Params } from '../params';
import type { LayerRateStats } from '../metaSgd/rateStatistics';
import { describeFig5, type Fig5Description } from '../fig5/describeFig5';
import {
  omniglotTaskSection,
  type OmniglotTaskPartial,
  type OmniglotTaskResult,
  type OmniglotTaskSection,
} from '../omniglot/job';
import {
  FINN_FIVE_WAY_ONE_SHOT,
  RAGHU_FULL_OMNIGLOT,
  type OgArmResult,
  type OgInnerLoopResult,
  type OgMetaSgdResult,
  STARSHAK_TABLE1,
  type OgProgress,
  type OgRatesResult,
} from '../omniglot/training';
import {
  PAPER_FIG4B,
  type OgStabilityProgress,
  type OgStabilityResult,
} from '../omniglot/stability';
import { STARSHAK_PROBE, type OgProbeResult } from '../omniglot/probe';

export type NonlinearSection =
  | 'learnedRates'
  | 'fig5'
  | 'metaSgd'
  | 'probe'
  | 'omniglotTask'
  | 'omniglotInnerLoop'
  | 'omniglotRates'
  | 'omniglotMetaSgd'
  | 'omniglotStability'
  | 'omniglotProbe';
export const NONLINEAR_SECTIONS: readonly NonlinearSection[] = [
  'learnedRates',
  'fig5',
  'metaSgd',
  'probe',
  'omniglotTask',
  'omniglotInnerLoop',
  'omniglotRates',
  'omniglotMetaSgd',
  'omniglotStability',
  'omniglotProbe',
];
/** The Omniglot training sections: the CLI runs them only when asked (--sections or ogExperiment). */
export const OMNIGLOT_TRAINING_SECTIONS: readonly NonlinearSection[] = [
  'omniglotInnerLoop',
  'omniglotRates',
  'omniglotMetaSgd',
  'omniglotStability',
  'omniglotProbe',
];

export type RunStatus = JobStatus;

/** One section's job as the page holds it (the CLI's have all run to the end). */
export interface SectionRun<P, R> {
  status: RunStatus;
  partial: P | null;
  result: R | null;
  error: string | null;
  /** Wall time of a finished run. */
  seconds: number | null;
  /** The tfjs backend a finished run used; null for plain-JavaScript jobs or when not known. */
  backend: string | null;
}

export interface NonlinearRuns {
  learnedRates?: SectionRun<LearnedRatesProgress, LearnedRatesResult>;
  fig5?: SectionRun<Fig5Progress, Fig5Result>;
  metaSgd?: SectionRun<MetaSgdProgress, MetaSgdMlpResult>;
  probe?: SectionRun<ProbeProgress, ProbeResult>;
  omniglotTask?: SectionRun<OmniglotTaskPartial, OmniglotTaskResult>;
  omniglotInnerLoop?: SectionRun<OgProgress, OgInnerLoopResult>;
  omniglotRates?: SectionRun<OgProgress, OgRatesResult>;
  omniglotMetaSgd?: SectionRun<OgProgress, OgMetaSgdResult>;
  omniglotStability?: SectionRun<OgStabilityProgress, OgStabilityResult>;
  omniglotProbe?: SectionRun<OgProgress, OgProbeResult>;
}

/** The Omniglot α–β grid: the finished grid, its cells and findings, beside the paper's protocol. */
export type OmniglotStabilitySection = OgStabilityResult & { reference: typeof PAPER_FIG4B };
/** The probe without its training curves and per-task accuracies (they are curves). */
export type OmniglotProbeSection = Omit<OgProbeResult, 'curves' | 'perTask'> & {
  reference: typeof STARSHAK_PROBE;
};
type GridUnfinished = { cells: number; iteration: number };

export type OmniglotMetaSgdSection = Omit<OgMetaSgdResult, 'curves'> & {
  reference: typeof STARSHAK_TABLE1;
};

/** "Is the inner loop necessary?" without its training curves (they are curves). */
export type OmniglotInnerLoopSection = Omit<OgInnerLoopResult, 'curves'> & {
  reference: typeof RAGHU_FULL_OMNIGLOT & { finnFiveWayOneShot: number };
};
export type OmniglotRatesSection = Omit<OgRatesResult, 'curves'> & {
  /** αt of the highest 5-way accuracy after the most test steps. */
  bestAlphaT: number;
};
type OgUnfinished = Omit<OgProgress, 'curve'>;

/** A trajectory without its points (they are curves) and its final per-parameter rates. */
export type TrajectoryRow = Omit<TrajectorySummary, 'points' | 'alpha'> & { steps: number };

export type LearnedRatesSection = Omit<LearnedRatesResult, 'trajectories'> & {
  trajectories: TrajectoryRow[];
};

export interface Fig5Section extends Fig5Result, Fig5Description {
  setting: ReturnType<typeof fig5Job>['setting'];
}

export type MetaSgdSection = Omit<MetaSgdMlpResult, 'lossCurve'> & { finalTrainLoss: number };

/**
 * A section the page shows before its job has finished (paused, cancelled, still running or
 * failed): marked `done: false`, with the job's latest progress report. The CLI never writes one.
 */
export interface UnfinishedSection<P> {
  done: false;
  status: RunStatus;
  error: string | null;
  progress: P | null;
}

export interface NonlinearReport {
  /** The tfjs backend of the training sections (the page: null when none has finished). */
  backend: string | null;
  /** Wall time of each finished section. */
  seconds: Partial<Record<NonlinearSection, number>>;
  learnedRates?: LearnedRatesSection | UnfinishedSection<{ trajectories: TrajectoryRow[] }>;
  fig5?: Fig5Section | UnfinishedSection<Fig5Progress & { alphas: number[] }>;
  metaSgd?: MetaSgdSection | UnfinishedSection<MetaSgdProgress>;
  probe?: ProbeResult | UnfinishedSection<ProbeProgress>;
  omniglotTask?: OmniglotTaskSection | UnfinishedSection<OmniglotTaskPartial>;
  omniglotInnerLoop?: OmniglotInnerLoopSection | UnfinishedSection<OgUnfinished>;
  omniglotRates?: OmniglotRatesSection | UnfinishedSection<OgUnfinished>;
  omniglotMetaSgd?: OmniglotMetaSgdSection | UnfinishedSection<OgUnfinished>;
  omniglotStability?: OmniglotStabilitySection | UnfinishedSection<GridUnfinished>;
  omniglotProbe?: OmniglotProbeSection | UnfinishedSection<OgUnfinished>;
  /** What the plots draw, one row per point in the CSV. */
  curves: Record<string, Curve>;
}

/** The CLI's report: it runs every section it is asked for to the end. */
export type FinishedNonlinearReport = Omit<NonlinearReport, NonlinearSection | 'backend'> & {
  backend: string;
  learnedRates?: LearnedRatesSection;
  fig5?: Fig5Section;
  metaSgd?: MetaSgdSection;
  probe?: ProbeResult;
  omniglotTask?: OmniglotTaskSection;
  omniglotInnerLoop?: OmniglotInnerLoopSection;
  omniglotRates?: OmniglotRatesSection;
  omniglotMetaSgd?: OmniglotMetaSgdSection;
  omniglotStability?: OmniglotStabilitySection;
  omniglotProbe?: OmniglotProbeSection;
};

const stabilitySection = (r: OgStabilityResult): OmniglotStabilitySection => ({
  ...r,
  reference: PAPER_FIG4B,
});

const probeSection = ({ curves: _c, perTask: _p, ...r }: OgProbeResult): OmniglotProbeSection => ({
  ...r,
  reference: STARSHAK_PROBE,
});

/** The α–β grid as a curve: one point per cell (α, β, loss; null while not run or diverged). */
function gridCurve(g: OgStabilityProgress['grid']): Curve {
  const cells = g.alpha.flatMap((a, i) => g.beta.map((b, j) => ({ a, b, i, j })));
  return {
    x: cells.map((c) => c.a),
    beta: cells.map((c) => c.b),
    loss: cells.map((c) => g.loss[c.i][c.j]),
    diverged: cells.map((c) => (g.diverged[c.i][c.j] ? 1 : 0)),
  };
}

const metaSgdOgSection = ({ curves: _c, ...r }: OgMetaSgdResult): OmniglotMetaSgdSection => ({
  ...r,
  reference: STARSHAK_TABLE1,
});

const innerLoopSection = ({ curves: _c, ...r }: OgInnerLoopResult): OmniglotInnerLoopSection => ({
  ...r,
  reference: { ...RAGHU_FULL_OMNIGLOT, finnFiveWayOneShot: FINN_FIVE_WAY_ONE_SHOT },
});

/** Accuracy after the most test steps. */
const lastAcc = (a: OgArmResult) => a.fiveWay[a.fiveWay.length - 1]?.acc.mean ?? NaN;

const ratesSection = ({ curves: _c, ...r }: OgRatesResult): OmniglotRatesSection => {
  let best = 0;
  r.points.forEach((p, i) => {
    if (lastAcc(p) > lastAcc(r.points[best])) best = i;
  });
  return { ...r, bestAlphaT: r.alphas[best] ?? NaN };
};

const ogUnfinished = ({ curve: _c, ...p }: OgProgress): OgUnfinished => p;

/** Accuracy table of Omniglot arms as a curve: one point per arm (or αt). */
function ogScoreCurve(x: (string | number)[], arms: readonly OgArmResult[]): Curve {
  const c: Curve = { x };
  arms[0]?.fiveWay.forEach((f, i) => {
    c[`acc${f.steps}`] = arms.map((a) => a.fiveWay[i].acc.mean);
    c[`ci${f.steps}`] = arms.map((a) => a.fiveWay[i].acc.ci95);
  });
  c.acc20way = arms.map((a) => a.twentyWay.mean);
  c.ci20way = arms.map((a) => a.twentyWay.ci95);
  return c;
}

function ogTrainingCurves(
  prefix: string,
  run:
    | SectionRun<OgProgress, OgInnerLoopResult | OgRatesResult | OgMetaSgdResult | OgProbeResult>
    | undefined,
  curves: Record<string, Curve>,
) {
  const trained =
    run?.result?.curves ?? (run?.partial ? { [run.partial.label]: run.partial.curve } : {});
  for (const [label, pts] of Object.entries(trained))
    curves[`${prefix}.train.${label}`] = {
      x: pts.map((p) => p.iteration),
      loss: pts.map((p) => p.loss),
    };
}

const trajectoryRow = ({ points, alpha: _alpha, ...t }: TrajectorySummary): TrajectoryRow => ({
  ...t,
  steps: points[points.length - 1]?.step ?? 0,
});

const learnedRatesSection = (r: LearnedRatesResult): LearnedRatesSection => ({
  ...r,
  trajectories: r.trajectories.map(trajectoryRow),
});

function fig5Section(full: Fig5Result, params: Params): Fig5Section {
  // perRun (each run's test loss per αt) is kept: the paired comparisons are made from it.
  const setting = fig5Job(params).setting;
  return { ...full, setting, ...describeFig5(full, setting) };
}

function metaSgdSection({ lossCurve, ...r }: MetaSgdMlpResult): MetaSgdSection {
  return { ...r, finalTrainLoss: lossCurve[lossCurve.length - 1]?.loss ?? NaN };
}

/** The finished shape of a section, or its progress marked unfinished; nothing if nothing shows. */
function section<P, R, S, Q>(
  run: SectionRun<P, R> | undefined,
  finished: (r: R) => S,
  progress: (p: P) => Q,
): S | UnfinishedSection<Q> | undefined {
  if (!run) return undefined;
  if (run.result !== null) return finished(run.result);
  if (run.partial === null && run.error === null) return undefined;
  return {
    done: false,
    status: run.status,
    error: run.error,
    progress: run.partial === null ? null : progress(run.partial),
  };
}

/** A histogram as the page draws it: one bar per bin at the bin's centre. */
const histogramCurve = (s: LayerRateStats): Curve => ({
  x: s.edges.slice(0, -1).map((e, k) => (e + s.edges[k + 1]) / 2),
  count: s.counts,
});

/** The plotted series of every section that has something to show. */
function nonlinearCurves(runs: NonlinearRuns, params: Params): Record<string, Curve> {
  const curves: Record<string, Curve> = {};
  const lr = runs.learnedRates;
  for (const t of lr?.result?.trajectories ?? lr?.partial?.trajectories ?? [])
    curves[`learnedRates.${t.kind}${t.perParameter ? '.perParameter' : ''}`] = {
      x: t.points.map((p) => p.step),
      alphaMean: t.points.map((p) => p.alphaMean),
      alphaStd: t.points.map((p) => p.alphaStd),
      objective: t.points.map((p) => p.objective),
      testLoss: t.points.map((p) => p.testLoss),
    };
  for (const s of lr?.result?.perParameterStats ?? [])
    curves[`learnedRates.histogram.${s.name}`] = histogramCurve(s);
  const f5 = runs.fig5;
  if (f5?.result)
    curves.fig5 = {
      x: f5.result.alphas,
      meanTestLoss: f5.result.meanTestLoss,
      stderr: f5.result.stderr,
      finalTrainLoss: f5.result.finalTrainLoss,
    };
  else if (f5?.partial)
    curves['fig5.training'] = {
      x: fig5Job(params).setting.alphas,
      trainLoss: f5.partial.trainLoss,
    };
  const ms = runs.metaSgd;
  for (const s of ms?.result?.rateStats ?? ms?.partial?.rateStats ?? [])
    curves[`metaSgd.${s.name}`] = histogramCurve(s);
  for (const a of runs.probe?.result?.arms ?? [])
    curves[`probe.${a.method}`] = {
      x: ['pre', 'onTask', 'offTask'],
      accuracy: [a.pre.mean, a.onTask.mean, a.offTask.mean],
      stderr: [a.pre.stderr, a.onTask.stderr, a.offTask.stderr],
    };
  const il = runs.omniglotInnerLoop;
  if (il?.result)
    curves.omniglotInnerLoop = ogScoreCurve(
      il.result.arms.map((a) => a.arm),
      il.result.arms,
    );
  ogTrainingCurves('omniglotInnerLoop', il, curves);
  const rt = runs.omniglotRates;
  if (rt?.result) curves.omniglotRates = ogScoreCurve(rt.result.alphas, rt.result.points);
  ogTrainingCurves('omniglotRates', rt, curves);
  const om = runs.omniglotMetaSgd;
  for (const st of om?.result?.rateStats ?? [])
    curves[`omniglotMetaSgd.${st.name}`] = histogramCurve(st);
  ogTrainingCurves('omniglotMetaSgd', om, curves);
  const st = runs.omniglotStability;
  const grid = st?.result?.grid ?? st?.partial?.grid;
  if (grid) curves.omniglotStability = gridCurve(grid);
  if (st?.result)
    curves['omniglotStability.initialLoss'] = { x: grid!.alpha, loss: grid!.initialLoss };
  const pr = runs.omniglotProbe;
  for (const a of pr?.result?.arms ?? [])
    curves[`omniglotProbe.${a.method}`] = {
      x: ['pre', 'onTask', 'offTask', 'deltaOn', 'deltaOff'],
      accuracy: [a.pre, a.onTask, a.offTask, a.deltaOn, a.deltaOff].map((d) => d.mean),
      ci95: [a.pre, a.onTask, a.offTask, a.deltaOn, a.deltaOff].map((d) => d.ci95),
    };
  for (const [method, acc] of Object.entries(pr?.result?.perTask ?? {}))
    curves[`omniglotProbe.perTask.${method}`] = { x: acc.preA.map((_, t) => t), ...acc };
  ogTrainingCurves('omniglotProbe', pr, curves);
  return curves;
}

/**
 * The report of the sections that have run (key order as the CLI has always written it). A section
 * without a run is absent, as a section the CLI was not asked for.
 */
export function nonlinearReportOf(
  params: Params,
  runs: NonlinearRuns,
  backend: string | null,
): NonlinearReport {
  const learnedRates = section(runs.learnedRates, learnedRatesSection, (p) => ({
    trajectories: p.trajectories.map(trajectoryRow),
  }));
  const fig5 = section(
    runs.fig5,
    (r) => fig5Section(r, params),
    (p) => ({ ...p, alphas: fig5Job(params).setting.alphas }),
  );
  const metaSgd = section(runs.metaSgd, metaSgdSection, (p) => p);
  const probe = section(
    runs.probe,
    (r) => r,
    (p) => p,
  );
  const omniglotTask = section(runs.omniglotTask, omniglotTaskSection, (p) => p);
  const omniglotInnerLoop = section(runs.omniglotInnerLoop, innerLoopSection, ogUnfinished);
  const omniglotRates = section(runs.omniglotRates, ratesSection, ogUnfinished);
  const omniglotMetaSgd = section(runs.omniglotMetaSgd, metaSgdOgSection, ogUnfinished);
  const omniglotStability = section(runs.omniglotStability, stabilitySection, (p) => ({
    cells: p.cells,
    iteration: p.iteration,
  }));
  const omniglotProbe = section(runs.omniglotProbe, probeSection, ogUnfinished);
  const seconds: NonlinearReport['seconds'] = {};
  for (const s of NONLINEAR_SECTIONS) {
    const run = runs[s];
    if (run?.result && run.seconds !== null) seconds[s] = run.seconds;
  }
  return {
    backend,
    seconds,
    ...(learnedRates && { learnedRates }),
    ...(fig5 && { fig5 }),
    ...(metaSgd && { metaSgd }),
    ...(probe && { probe }),
    ...(omniglotTask && { omniglotTask }),
    ...(omniglotInnerLoop && { omniglotInnerLoop }),
    ...(omniglotRates && { omniglotRates }),
    ...(omniglotMetaSgd && { omniglotMetaSgd }),
    ...(omniglotStability && { omniglotStability }),
    ...(omniglotProbe && { omniglotProbe }),
    curves: nonlinearCurves(runs, params),
  };
}

/** The page's `backend`: the one its finished training jobs used (they share the link's choice). */
export function runsBackend(runs: NonlinearRuns): string | null {
  const names = new Set<string>();
  for (const s of NONLINEAR_SECTIONS) {
    const b = runs[s]?.result ? runs[s].backend : null;
    if (b) names.add(b);
  }
  return names.size ? [...names].join(', ') : null;
}
