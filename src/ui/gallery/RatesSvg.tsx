import { useMemo } from 'react';
import { COLORS } from '../theme';
import type { RateHistograms } from './computedThumbnails';
import { boxScales, THUMB_H as H, THUMB_W as W } from './thumbnailPath';

const GAP = 4;

/**
 * Meta-SGD's learned rates as its view plots them: one histogram per layer, rows sharing the rate
 * axis (0 dotted), negative rates blue and positive orange, each row scaled to its own tallest bin.
 */
export function RatesSvg({ rates }: { rates: RateHistograms }) {
  const shape = useMemo(() => {
    const n = rates.layers.length;
    const rowH = (H - GAP * (n + 1)) / n;
    const { sx } = boxScales([-rates.range, rates.range], [0, 1], W, H);
    const layers = rates.layers.map((layer, l) => {
      const bins = layer.counts.length;
      const top = Math.max(1, ...layer.counts);
      const base = GAP + l * (rowH + GAP) + rowH;
      return {
        name: layer.name,
        base,
        bars: layer.counts.map((c, k) => {
          const x0 = sx(-rates.range + (2 * rates.range * k) / bins);
          const x1 = sx(-rates.range + (2 * rates.range * (k + 1)) / bins);
          // A bin holding a few of a layer's 1640 rates still shows (1 unit, not 0.1).
          const h = c > 0 ? Math.max(1, (c / top) * rowH) : 0;
          return { key: k, x: x0, w: x1 - x0, y: base - h, h, negative: k < bins / 2 };
        }),
      };
    });
    return { zero: sx(0), layers };
  }, [rates]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="thumb" aria-hidden="true" data-kind="rates">
      <line x1={shape.zero} x2={shape.zero} y1={0} y2={H} className="thumb-zero" />
      {shape.layers.map((row) => (
        <g key={row.name}>
          <line x1={0} x2={W} y1={row.base} y2={row.base} className="thumb-axis" />
          {row.bars.map(
            (b) =>
              b.h > 0 && (
                <rect
                  key={b.key}
                  x={b.x}
                  y={b.y}
                  width={b.w}
                  height={b.h}
                  fill={b.negative ? COLORS.theory : COLORS.sim}
                />
              ),
          )}
        </g>
      ))}
    </svg>
  );
}
