/**
 * `stabilityReport(params)` — the CLI's view of a stability link (issue 4):
 *   { setting, variant, iterations, axes, grid: {alpha, beta, loss[i][j], diverged[i][j]},
 *     hessianEigenvalues (linear regression), boundaries: {alphaCritical, betaCriticalAtAlphaZero,
 *     curves[]}, task?, backend? }
 * Linear and mixed settings are pure Float64 (src/core/stability/report.ts). The sinusoid grid runs
 * the page's batched trainer in Node on wasm (or cpu): Node only, it loads Node modules on demand.
 */
import type { SinusoidGridPartial } from '../../core/stability/sinusoidTypes';
import type { Params } from '../../core/params';
import { effectiveScale } from '../../core/stability/grid';
import { pureStabilityReport, type StabilityReport } from '../../core/stability/report';
import { directContext } from '../../core/jobs/context';
import { sinusoidJobFromParams } from '../../core/stability/sinusoidJob';
import type { ShardPool } from '../shards/shardPool';

export { sinusoidJobFromParams } from '../../core/stability/sinusoidJob';

export type { StabilityReport } from '../../core/stability/report';

export async function stabilityReport(
  p: Params,
  opts: { pool?: ShardPool; onProgress?: (partial: SinusoidGridPartial) => void } = {},
): Promise<StabilityReport & { backend?: string; seconds?: number; curves?: SinusoidCurves }> {
  if (p.stTask !== 'sinusoid') return pureStabilityReport(p);
  const pool = opts.pool ?? (await import('../shards/nodeShardPool')).nodeShardPool();
  const { sinusoidGridRunnerOn } = await import('../stability/sinusoidGrid');
  const r = await sinusoidGridRunnerOn(pool)(
    sinusoidJobFromParams(p),
    directContext(opts.onProgress),
  );
  return {
    setting: 'sinusoid',
    variant: r.variant,
    iterations: p.stIters,
    axes: {
      alpha: effectiveScale(p.stAlpha, p.stAlphaAxis),
      beta: effectiveScale(p.stBeta, p.stBetaAxis),
    },
    grid: { alpha: r.alpha, beta: r.beta, loss: r.loss, diverged: r.diverged },
    hessianEigenvalues: null,
    boundaries: { alphaCritical: null, betaCriticalAtAlphaZero: null, curves: [] },
    backend: r.engine,
    seconds: r.seconds,
    curves: { iterations: r.curveIterations, loss: r.curves },
  };
}

/** Every cell's evaluation-loss curve: loss[i][j][r] at iterations[r] (null once diverged). */
export interface SinusoidCurves {
  iterations: number[];
  loss: (number | null)[][][];
}
