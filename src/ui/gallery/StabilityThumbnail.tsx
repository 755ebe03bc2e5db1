import { useEffect, useState } from 'react';
import { parseLink } from '../../core/params';
import { pureStabilityReport } from '../../core/stability/report';

const W = 200;
const H = 110;
/** Cells per axis of a thumbnail: a coarse version of the preset's own grid (milliseconds). */
const CELLS = 16;
/** A colour-blind-safe sequential scale (viridis stops), low loss dark. */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

/**
 * A thumbnail of a stability preset: its real α–β grid (coarsened to 16 × 16), diverged cells grey, the rest
 * coloured by log10 of the final loss, α to the right and β upward as in the view. The sinusoid
 * grid needs the tfjs worker: no thumbnail (the card shows its text only).
 */
function thumbnailCells(query: string) {
  const { params } = parseLink(query);
  if (params.stTask === 'sinusoid') return null;
  const g = pureStabilityReport({
    ...params,
    stAlphaCells: Math.min(params.stAlphaCells, CELLS),
    stBetaCells: Math.min(params.stBetaCells, CELLS),
  }).grid;
  const logs = g.loss
    .flat()
    .filter((v): v is number => v !== null && v > 0)
    .map(Math.log10);
  // As in the view's heatmap: a floor 16 decades under the largest loss (converged runs reach 1e−300).
  const hi = Math.max(...logs);
  const lo = hi - 16;
  const nA = g.alpha.length;
  const nB = g.beta.length;
  return g.alpha.flatMap((_, i) =>
    g.beta.map((_, j) => {
      const v = g.loss[i]?.[j];
      const t = v && v > 0 ? Math.max(0, (Math.log10(v) - lo) / (hi - lo)) : 0;
      return {
        key: `${i}-${j}`,
        x: (i * W) / nA,
        y: H - ((j + 1) * H) / nB,
        w: W / nA + 0.5,
        h: H / nB + 0.5,
        fill: g.diverged[i]?.[j] ? '#bbbbbb' : VIRIDIS[Math.round(t * (VIRIDIS.length - 1))]!,
      };
    }),
  );
}

export function StabilityThumbnail({ query }: { query: string }) {
  const [cells, setCells] = useState<ReturnType<typeof thumbnailCells>>(null);
  useEffect(() => {
    // The mixed-regression grid takes a few hundred ms: compute after the gallery has opened.
    const t = setTimeout(() => setCells(thumbnailCells(query)), 0);
    return () => clearTimeout(t);
  }, [query]);
  if (!cells) return null;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="thumb" aria-hidden="true" data-kind="stability">
      {cells.map((c) => (
        <rect key={c.key} x={c.x} y={c.y} width={c.w} height={c.h} fill={c.fill} />
      ))}
    </svg>
  );
}
