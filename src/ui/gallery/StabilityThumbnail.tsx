import { useEffect, useState } from 'react';
import { parseLink } from '../../core/params';
import { pureStabilityReport } from '../../core/stability/report';
import { GridSvg } from './GridSvg';
import { logLossGrid, type LogLossGrid } from './thumbnailGrid';

/** Cells per axis of a thumbnail: a coarse version of the preset's own grid (milliseconds). */
const CELLS = 16;

/**
 * A thumbnail of a linear or mixed stability preset: its real α–β grid (coarsened to 16 × 16),
 * computed in the page. The sinusoid grid needs a trained MLP per cell: its thumbnail is
 * precomputed (`npm run thumbnails`, ComputedThumbnail).
 */
function thumbnailGrid(query: string): LogLossGrid {
  const { params } = parseLink(query);
  return logLossGrid(
    pureStabilityReport({
      ...params,
      stAlphaCells: Math.min(params.stAlphaCells, CELLS),
      stBetaCells: Math.min(params.stBetaCells, CELLS),
    }).grid,
  );
}

export function StabilityThumbnail({ query }: { query: string }) {
  const [grid, setGrid] = useState<LogLossGrid | null>(null);
  useEffect(() => {
    // The mixed-regression grid takes a few hundred ms: compute after the gallery has opened.
    const t = setTimeout(() => setGrid(thumbnailGrid(query)), 0);
    return () => clearTimeout(t);
  }, [query]);
  return grid && <GridSvg grid={grid} kind="stability" />;
}
