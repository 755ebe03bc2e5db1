/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { computeTraces } from '../core/theory';
import type { CovarianceSetting } from '../core/covariance';
import type { Params } from '../core/params';
import { pureStabilityReport } from '../core/stability/report';

/**
 * Pure-TypeScript computations too slow for the page's main thread (no tfjs here, so it starts
 * fast): Theorem 3's traces for Wishart covariances at large p, and the mixed-regression stability
 * grid (~1 s).
 */
const api = {
  traces: (s: CovarianceSetting) => computeTraces(s),
  stabilityReport: (p: Params) => pureStabilityReport(p),
};
export type PureWorkerApi = typeof api;
Comlink.expose(api);
