/** The stability view's two jobs: the Float64 linear / mixed grid and the sinusoid MLP grid. */
import type { JobSpec } from '../jobs/spec';
import type { Params } from '../params';
import type { BackendChoice } from '../sim/types';
import type { GridRowsDone } from './grid';
import type { StabilityReport } from './report';
import { sinusoidJobFromParams } from './sinusoidJob';
import type { SinusoidGridJob, SinusoidGridPartial, SinusoidGridResult } from './sinusoidTypes';

/**
 * The linear and mixed settings' grid, in the light worker (runner: stabilityReportRunner in
 * ./report.ts): a 200 × 200 grid of 20 000 iterations takes seconds, never the main thread's.
 */
export const stabilityReportSpec: JobSpec<Params, GridRowsDone, StabilityReport> = {
  name: 'stability-report',
  lane: 'stability-report',
  worker: 'pure',
  start: 'auto',
  views: ['stability'],
  fromParams: (p) => (p.stTask === 'sinusoid' ? null : stabilityInputs(p)),
  progress: (s) => ({ done: s.rowsDone, total: s.rows }),
};

/** Only the parameters the linear and mixed grids read, so other edits do not restart them. */
function stabilityInputs(p: Params): Params {
  const keep = {
    stTask: p.stTask,
    stOrder: p.stOrder,
    stHalf: p.stHalf,
    stIters: p.stIters,
    stPoints: p.stPoints,
    stSeed: p.stSeed,
    stAlpha: p.stAlpha,
    stBeta: p.stBeta,
    stAlphaAxis: p.stAlphaAxis,
    stBetaAxis: p.stBetaAxis,
    stAlphaCells: p.stAlphaCells,
    stBetaCells: p.stBetaCells,
    ...(p.stTask === 'mixed'
      ? { p: p.p, m: p.m, nt: p.nt, nv: p.nv, sigma: p.sigma, nu: p.nu, w0: p.w0, omega0: p.omega0 }
      : {}),
  };
  return keep as Params;
}

export type SinusoidGridRequest = SinusoidGridJob & { backend: BackendChoice };

/** What the page keeps of a running sinusoid grid: the latest partial and the loss history. */
export interface SinusoidGridProgress extends SinusoidGridPartial {
  backend?: string;
  /** Loss grids at every reported iteration so far (a clicked cell's training curve). */
  history: { iteration: number; loss: (number | null)[][] }[];
}

/** The sinusoid MLP grid, trained in the compute worker (runner: src/compute/stability/sinusoidGrid.ts). */
export const sinusoidGridSpec: JobSpec<
  SinusoidGridRequest,
  SinusoidGridPartial & { backend?: string },
  SinusoidGridResult,
  SinusoidGridProgress
> = {
  name: 'stability-sinusoid',
  lane: 'stability-sinusoid',
  worker: 'compute',
  start: 'auto',
  views: ['stability'],
  fromParams: (p) =>
    p.stTask === 'sinusoid' ? { ...sinusoidJobFromParams(p), backend: p.backend } : null,
  progress: (s) => ({ done: s.iteration, total: s.iterations }),
  accumulate: (kept, p) => ({
    ...p,
    history: [...(kept?.history ?? []), { iteration: p.iteration, loss: p.loss }],
  }),
  final: (r, kept) => {
    const history = kept?.history ?? [];
    const iterations = r.curveIterations[r.curveIterations.length - 1] ?? 0;
    const last = history[history.length - 1];
    return {
      ...kept,
      backend: kept?.backend ?? (r as { backend?: string }).backend,
      iteration: iterations,
      iterations,
      loss: r.loss,
      diverged: r.diverged,
      history:
        last?.iteration === iterations
          ? history
          : [...history, { iteration: iterations, loss: r.loss }],
    };
  },
};
