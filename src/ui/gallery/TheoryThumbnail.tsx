import { useMemo } from 'react';
import { parseLink } from '../../core/params';
import { computeTheoryReport } from '../../core/theoryReport';
import { COLORS } from '../theme';
import { curvePath, THUMB_H as H, THUMB_W as W } from './thumbnailPath';

/**
 * A thumbnail drawn from the preset's own theory curve (the panel its figure shows), with the
 * optimum and αt = 0 marked: the real curve, at 81 points.
 */
export function TheoryThumbnail({ query }: { query: string }) {
  const shape = useMemo(() => {
    const { params } = parseLink(query);
    const r = computeTheoryReport(params, [], 81);
    const axis = params.focus === 'alphaR' ? 'alphaR' : 'alphaT';
    const curve = r.curves[axis];
    const { d, sx, sy } = curvePath(curve.x, curve.theory, W, H);
    const optX = axis === 'alphaT' ? r.optimum.alphaT : r.optimum.alphaR;
    const optY = axis === 'alphaT' ? r.optimum.lossAtAlphaT : r.optimum.lossAtAlphaR;
    return {
      d,
      zero: sx(0),
      opt: optX !== null && optY !== null ? { x: sx(optX), y: sy(optY) } : null,
      dashed: r.current.unreliable,
      axis,
    };
  }, [query]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="thumb" aria-hidden="true" data-axis={shape.axis}>
      <line x1={shape.zero} x2={shape.zero} y1={0} y2={H} className="thumb-zero" />
      <path
        d={shape.d}
        fill="none"
        stroke={COLORS.theory}
        strokeWidth={2.5}
        strokeDasharray={shape.dashed ? '6 4' : undefined}
      />
      {shape.opt && (
        <circle cx={shape.opt.x} cy={shape.opt.y} r={5} fill={COLORS.optimum} stroke="#000" />
      )}
    </svg>
  );
}
