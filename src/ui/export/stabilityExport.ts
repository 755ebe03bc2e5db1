import type { Notice, Params } from '../../core/params';
import type { StabilityReport } from '../../core/stability/report';

/**
 * The stability view's export in the CLI's schema (`repro` with view=stability:
 * `{ config, notices, ...StabilityReport }`), plus `curves` for the CSV: each β row of the grid is
 * a curve over α (`beta=…`, columns loss, diverged) and each boundary a curve over α (betaC).
 */
export function stabilityExport(
  config: Params,
  notices: Notice[],
  // The sinusoid grid (worker) has no `setting` object: its parameters are in `config`.
  report: Omit<StabilityReport, 'setting'> & { setting?: StabilityReport['setting'] },
) {
  const { grid, boundaries } = report;
  const curves: Record<string, { x: number[] } & Record<string, unknown>> = {};
  grid.beta.forEach((b, j) => {
    curves[`beta=${b}`] = {
      x: grid.alpha,
      loss: grid.alpha.map((_, i) => grid.loss[i]?.[j] ?? null),
      diverged: grid.alpha.map((_, i) => (grid.diverged[i]?.[j] ? 1 : 0)),
    };
  });
  for (const c of boundaries.curves) curves[c.label] = { x: c.alpha, betaC: c.beta };
  return { config, notices, ...report, curves };
}
