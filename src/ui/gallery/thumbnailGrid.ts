import { logColourRange } from '../../core/stability/logColourRange';
import { THUMB_H, THUMB_W } from './thumbnailPath';

/** A colour-blind-safe sequential scale (viridis stops), low loss dark. */
export const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;
const DIVERGED_FILL = '#bbbbbb';

/**
 * What a grid thumbnail draws, [i][j] ↔ α_i, β_j: log10 of each cell's final loss (null where there
 * is no positive loss) to 0.01 decade (far finer than the colour steps, and small when stored), and
 * whether the cell diverged (0/1).
 */
export interface LogLossGrid {
  log10Loss: (number | null)[][];
  diverged: (0 | 1)[][];
}

export function logLossGrid(g: {
  loss: readonly (readonly (number | null)[])[];
  diverged: readonly (readonly boolean[])[];
}): LogLossGrid {
  return {
    log10Loss: g.loss.map((row) =>
      row.map((v) => (v !== null && v > 0 && Number.isFinite(v) ? round2(Math.log10(v)) : null)),
    ),
    diverged: g.diverged.map((row) => row.map((d) => (d ? 1 : 0))),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The grid as rectangles, α to the right and β upward as in the view; diverged cells grey. */
export function gridCells(g: LogLossGrid, w = THUMB_W, h = THUMB_H) {
  const logs = g.log10Loss.flatMap((row, i) =>
    row.filter((v, j): v is number => v !== null && !g.diverged[i]?.[j]),
  );
  const [lo, hi] = logColourRange(logs); // as in the view's heatmap
  const nA = g.log10Loss.length;
  const nB = g.log10Loss[0]?.length ?? 0;
  return g.log10Loss.flatMap((row, i) =>
    row.map((v, j) => {
      const t = v !== null ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
      return {
        key: `${i}-${j}`,
        x: (i * w) / nA,
        y: h - ((j + 1) * h) / nB,
        w: w / nA + 0.5,
        h: h / nB + 0.5,
        fill: g.diverged[i]?.[j] ? DIVERGED_FILL : VIRIDIS[Math.round(t * (VIRIDIS.length - 1))]!,
      };
    }),
  );
}
