import { useMemo } from 'react';
import { gridCells, type LogLossGrid } from './thumbnailGrid';
import { THUMB_H, THUMB_W } from './thumbnailPath';

/** An α–β grid thumbnail (live or precomputed): one rectangle per cell. */
export function GridSvg({ grid, kind }: { grid: LogLossGrid; kind: string }) {
  const cells = useMemo(() => gridCells(grid), [grid]);
  return (
    <svg
      viewBox={`0 0 ${THUMB_W} ${THUMB_H}`}
      className="thumb"
      aria-hidden="true"
      data-kind={kind}
    >
      {cells.map((c) => (
        <rect key={c.key} x={c.x} y={c.y} width={c.w} height={c.h} fill={c.fill} />
      ))}
    </svg>
  );
}
