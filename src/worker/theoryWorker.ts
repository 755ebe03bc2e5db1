/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { computeTraces } from '../core/theory';
import type { CovarianceSetting } from '../core/covariance';

/** Off-main-thread precompute of Theorem 3's traces (Wishart covariances at large p). */
const api = {
  traces: (s: CovarianceSetting) => computeTraces(s),
};
export type TheoryWorkerApi = typeof api;
Comlink.expose(api);
