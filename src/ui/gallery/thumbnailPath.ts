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
  const x0 = xs[0] ?? 0;
  const x1 = xs[xs.length - 1] ?? 1;
  const pad = 4;
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  // Points above `hi` leave the box; the <svg> clips them (no misleading flat top).
  const sy = (y: number) => pad + (1 - (y - lo) / (hi - lo || 1)) * (h - 2 * pad);
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
  return { d, sx, sy };
}
