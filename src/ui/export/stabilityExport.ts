import type { Params } from '../../core/params';
import type { StabilityBoundaries } from '../../core/stability/report';
import type { StabilityGrid } from '../../core/stability/grid';

/**
 * The stability view's export: the link's parameters, the grid (loss[α][β], diverged[α][β]) and
 * the β_c(α) boundaries as the view's report holds them. For the CSV, each β row of the grid is a
 * curve over α (`beta=…`, columns loss, diverged) and each boundary a curve over α (column betaC).
 */
export function stabilityExport(
  config: Params,
  grid: StabilityGrid | null,
  boundaries: StabilityBoundaries,
  extra: Record<string, unknown> = {},
) {
  const curves: Record<string, { x: number[] } & Record<string, unknown>> = {};
  if (grid)
    grid.beta.forEach((b, j) => {
      curves[`beta=${b}`] = {
        x: grid.alpha,
        loss: grid.alpha.map((_, i) => grid.loss[i]?.[j] ?? null),
        diverged: grid.alpha.map((_, i) => (grid.diverged[i]?.[j] ? 1 : 0)),
      };
    });
  for (const c of boundaries.curves) curves[c.label] = { x: c.alpha, betaC: c.beta };
  return { config, ...extra, grid, boundaries, curves };
}
