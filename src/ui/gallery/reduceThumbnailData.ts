/**
 * Full results → the few numbers a computed thumbnail stores (scripts/thumbnails.ts). Rounded to
 * what a 200 × 110 drawing can show, so the committed JSON stays a few KB.
 */
import type { Fig5Result } from '../../core/fig5/types';
import type { LayerRateStats } from '../../core/metaSgd/rateStatistics';
import type { Fig5Curve, RateHistograms } from './computedThumbnails';

const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));

export function fig5Curve(
  r: Pick<Fig5Result, 'alphas' | 'meanTestLoss' | 'stderr' | 'bestAlpha'> &
    Partial<Pick<Fig5Result, 'perRun' | 'flattenedAt'>>,
): Fig5Curve {
  return {
    alphas: r.alphas.map((a) => sig(a, 6)),
    mean: r.meanTestLoss.map((v) => sig(v)),
    stderr: r.stderr.map((v) => sig(v, 2)),
    bestAlpha: sig(r.bestAlpha, 6),
    // Six digits: paired differences between αt are ~1e-2 of the losses.
    ...(r.perRun && { perRun: r.perRun.map((v) => v.map((x) => sig(x, 6))) }),
    ...(r.flattenedAt !== undefined && { flattenedAt: r.flattenedAt }),
  };
}

/** The layers' histograms share symmetric bin edges (rateStatistics.ts): keep their half-width only. */
export function rateHistograms(stats: readonly LayerRateStats[]): RateHistograms {
  const edges = stats[0]?.edges ?? [0];
  return {
    range: sig(edges[edges.length - 1]!),
    layers: stats.map((s) => ({
      name: s.name,
      counts: s.counts,
      mean: sig(s.mean, 3),
      negativeFraction: sig(s.negativeFraction, 3),
    })),
  };
}
