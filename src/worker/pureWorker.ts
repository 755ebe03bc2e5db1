/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { computeTraces } from '../core/theory';
import type { CovarianceSetting } from '../core/covariance';
import type { JobWorkerApi } from '../core/jobs/workerProtocol';
import { learnedRatesSpec } from '../core/metaSgd/jobs';
import { runLearnedRates } from '../core/metaSgd/learnedRatesRunner';
import { stabilityReportSpec } from '../core/stability/jobs';
import { stabilityReportRunner } from '../core/stability/report';
import { omniglotTaskSpec, omniglotTaskRunner } from '../core/omniglot/job';
import { loadOmniglotInWorker } from './omniglotData';
import { JobHost } from './jobHost';

/**
 * Pure-TypeScript computations too slow for the page's main thread (no tfjs here, so it starts
 * fast): Theorem 3's traces for Wishart covariances at large p, and the plain-TypeScript jobs of
 * the job controller — linear / mixed stability grids, learned αt, Omniglot sample tasks (the data
 * is fetched on the first one) — in parallel with the tfjs worker.
 */
const host = new JobHost();
host.register(stabilityReportSpec.name, stabilityReportRunner);
host.register(learnedRatesSpec.name, runLearnedRates);
host.register(omniglotTaskSpec.name, omniglotTaskRunner(loadOmniglotInWorker));

const api = {
  start: (lane, name, id, job, onPartial) => host.start(lane, name, id, job, onPartial),
  cancel: (lane, id) => host.cancel(lane, id),
  pause: (lane) => host.pause(lane),
  resume: (lane) => host.resume(lane),
  ping: () => Date.now(),
  traces: (s: CovarianceSetting) => computeTraces(s),
} satisfies JobWorkerApi & Record<string, unknown>;
export type PureWorkerApi = typeof api;
Comlink.expose(api);
