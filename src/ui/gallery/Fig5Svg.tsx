import { useMemo } from 'react';
import { COLORS } from '../theme';
import type { Fig5Curve } from './computedThumbnails';
import { boxScales, linePath, THUMB_H as H, THUMB_W as W } from './thumbnailPath';

/**
 * A Fig. 5 sweep as its view plots it: test loss vs αt (mean ± standard error over runs, line and
 * markers in the simulation colour), αt = 0 dotted, the best αt marked like an optimum.
 */
export function Fig5Svg({ curve }: { curve: Fig5Curve }) {
  const shape = useMemo(() => {
    const { alphas, mean, stderr } = curve;
    const lo = Math.min(...mean.map((m, i) => m - stderr[i]!));
    const hi = Math.max(...mean.map((m, i) => m + stderr[i]!));
    // A wider margin than the curves': the sweep's ends carry markers (and often the best αt).
    const { sx, sy } = boxScales([alphas[0]!, alphas[alphas.length - 1]!], [lo, hi], W, H, 7);
    const best = alphas.indexOf(curve.bestAlpha);
    return {
      d: linePath(alphas, mean, sx, sy),
      zero: sx(0),
      bars: alphas.map((a, i) => ({
        x: sx(a),
        y1: sy(mean[i]! - stderr[i]!),
        y2: sy(mean[i]! + stderr[i]!),
        y: sy(mean[i]!),
      })),
      best: best >= 0 ? { x: sx(alphas[best]!), y: sy(mean[best]!) } : null,
    };
  }, [curve]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="thumb" aria-hidden="true" data-kind="fig5">
      <line x1={shape.zero} x2={shape.zero} y1={0} y2={H} className="thumb-zero" />
      {shape.bars.map((b) => (
        <line key={b.x} x1={b.x} x2={b.x} y1={b.y1} y2={b.y2} stroke={COLORS.sim} opacity={0.6} />
      ))}
      <path d={shape.d} fill="none" stroke={COLORS.sim} strokeWidth={2.5} />
      {shape.bars.map((b) => (
        <circle key={b.x} cx={b.x} cy={b.y} r={2.5} fill={COLORS.sim} />
      ))}
      {shape.best && (
        <circle cx={shape.best.x} cy={shape.best.y} r={5} fill={COLORS.optimum} stroke="#000" />
      )}
    </svg>
  );
}
