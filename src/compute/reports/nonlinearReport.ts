/**
 * The nonlinear / Meta-SGD view as JSON, for the CLI (`npm run repro`): the Fig. 5 sweep, the
 * learned-αt trajectories with their references, Meta-SGD's per-layer learned-rate statistics and
 * the feature-reuse probe, and the Omniglot sample task (from the shipped data on disk). Uses whatever tfjs backend the caller has set; shaped by
 * nonlinearReportShape, as the page's export is.
 */
import { fig5Job } from '../../core/fig5/job';
import { learnedRatesJob, metaSgdMlpJob } from '../../core/metaSgd/jobs';
import { probeJob } from '../../core/probe/job';
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../../core/params';
import { directContext, type JobRunner } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result } from '../../core/fig5/types';
import { runFeatureReuseProbe } from '../probe/featureReuseProbe';
import { runFig5Sweep } from '../fig5/fig5Sweep';
import { runLearnedRates } from '../../core/metaSgd/learnedRatesRunner';
import { runMetaSgdMlp } from '../metaSgd/metaSgdMlpJob';
import { omniglotTaskJob, omniglotTaskRunner } from '../../core/omniglot/job';
import { loadOmniglotNode } from '../omniglot/nodeData';
import { innerLoopRunner, metaSgdRunner, ratesRunner } from '../omniglot/train';
import { ogInnerLoopSpec, ogMetaSgdSpec, ogRatesSpec } from '../../core/omniglot/training';
import { ogStabilityJob } from '../../core/omniglot/stability';
import { ogProbeSpec } from '../../core/omniglot/probe';
import { ogStabilityRunner } from '../omniglot/stabilityGrid';
import { probeRunner } from '../omniglot/probe';
import type { ShardPool } from '../shards/shardPool';
import {
  NONLINEAR_SECTIONS,
  nonlinearReportOf,
  type FinishedNonlinearReport,
  type NonlinearRuns,
  type NonlinearSection,
  type SectionRun,
} from '../../core/nonlinear/reportShape';

export { describeFig5, PAPER_FIG5_BEST_ALPHA } from '../../core/fig5/describeFig5';
export {
  NONLINEAR_SECTIONS,
  type FinishedNonlinearReport as NonlinearReport,
  type NonlinearSection,
} from '../../core/nonlinear/reportShape';

export async function nonlinearReport(
  params: Params,
  sections: readonly NonlinearSection[] = NONLINEAR_SECTIONS,
  onProgress: (section: NonlinearSection, partial: unknown) => void = () => {},
  opts: {
    /** The Fig. 5 runner (default: this thread; the CLI passes nodeShards' worker threads). */
    fig5Runner?: JobRunner<Fig5Job, Fig5Progress, Fig5Result>;
    /** Threads for the Conv4 kernel's second group of tasks (the CLI: Node worker threads). */
    threads?: ShardPool;
  } = {},
): Promise<FinishedNonlinearReport> {
  const { fig5Runner = runFig5Sweep, threads } = opts;
  const runs: NonlinearRuns = {};
  const ctx = (s: NonlinearSection) => directContext((p: unknown) => onProgress(s, p));
  const timed = async <R>(f: () => Promise<R>): Promise<SectionRun<never, R>> => {
    const t0 = performance.now();
    const result = await f();
    const seconds = (performance.now() - t0) / 1000;
    return { status: 'done', partial: null, result, error: null, seconds, backend: null };
  };
  if (sections.includes('learnedRates'))
    runs.learnedRates = await timed(() =>
      runLearnedRates(learnedRatesJob(params), ctx('learnedRates')),
    );
  if (sections.includes('fig5'))
    runs.fig5 = await timed(() => fig5Runner(fig5Job(params), ctx('fig5')));
  if (sections.includes('metaSgd'))
    runs.metaSgd = await timed(() => runMetaSgdMlp(metaSgdMlpJob(params), ctx('metaSgd')));
  if (sections.includes('probe'))
    runs.probe = await timed(() => runFeatureReuseProbe(probeJob(params), ctx('probe')));
  if (sections.includes('omniglotTask'))
    runs.omniglotTask = await timed(() =>
      omniglotTaskRunner(loadOmniglotNode)(omniglotTaskJob(params), ctx('omniglotTask')),
    );
  if (sections.includes('omniglotInnerLoop'))
    runs.omniglotInnerLoop = await timed(() =>
      innerLoopRunner(loadOmniglotNode, threads)(
        ogInnerLoopSpec.fromParams(params)!.job,
        ctx('omniglotInnerLoop'),
      ),
    );
  if (sections.includes('omniglotRates'))
    runs.omniglotRates = await timed(() =>
      ratesRunner(loadOmniglotNode, threads)(
        ogRatesSpec.fromParams(params)!.job,
        ctx('omniglotRates'),
      ),
    );
  if (sections.includes('omniglotMetaSgd'))
    runs.omniglotMetaSgd = await timed(() =>
      metaSgdRunner(loadOmniglotNode)(
        ogMetaSgdSpec.fromParams(params)!.job,
        ctx('omniglotMetaSgd'),
      ),
    );
  if (sections.includes('omniglotStability'))
    runs.omniglotStability = await timed(() =>
      ogStabilityRunner(loadOmniglotNode)(ogStabilityJob(params), ctx('omniglotStability')),
    );
  if (sections.includes('omniglotProbe'))
    runs.omniglotProbe = await timed(() =>
      probeRunner(loadOmniglotNode, threads)(
        ogProbeSpec.fromParams(params)!.job,
        ctx('omniglotProbe'),
      ),
    );
  // Every run above is done, so no section is unfinished.
  return nonlinearReportOf(params, runs, tf.getBackend()) as FinishedNonlinearReport;
}
