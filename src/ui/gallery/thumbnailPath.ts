/** Every gallery thumbnail is drawn in this viewBox (the CSS keeps its aspect ratio). */
export const THUMB_W = 200;
export const THUMB_H = 110;
const PAD = 4;

/** Linear maps of x ∈ [x0, x1] and y ∈ [lo, hi] into a w × h box with a margin, y upward. */
export function boxScales(
  [x0, x1]: readonly [number, number],
  [lo, hi]: readonly [number, number],
  w: number,
  h: number,
  pad = PAD,
): { sx(x: number): number; sy(y: number): number } {
  return {
    sx: (x) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * pad),
    sy: (y) => pad + (1 - (y - lo) / (hi - lo || 1)) * (h - 2 * pad),
  };
}

/** A polyline through (x, y) in box coordinates; gaps (null, non-finite) break the line. */
export function linePath(
  xs: readonly number[],
  ys: readonly (number | null)[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): string {
  let d = '';
  let pen = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y === null || y === undefined || !Number.isFinite(y)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/**
 * A curve as an SVG path in a w × h box: x spans the box, y is scaled to the curve's range (the
 * upper end cut at 3× the minimum, like the live plot, so the optimum region stays visible).
 * Gaps (null) break the line.
 */
export function curvePath(
  xs: readonly number[],
  ys: readonly (number | null)[],
  w: number,
  h: number,
): { d: string; sx(x: number): number; sy(y: number): number } {
  const finite = ys.filter((y): y is number => y !== null && Number.isFinite(y));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hiRaw = finite.length ? Math.max(...finite) : 1;
  const hi = lo > 0 ? Math.min(hiRaw, 3 * lo) : hiRaw;
  // Points above `hi` leave the box; the <svg> clips them (no misleading flat top).
  const { sx, sy } = boxScales([xs[0] ?? 0, xs[xs.length - 1] ?? 1], [lo, hi], w, h);
  return { d: linePath(xs, ys, sx, sy), sx, sy };
}
