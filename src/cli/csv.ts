/** CSV of the curves of a report: one row per point, one column per series. */
export function toCsv(report: {
  curves: Record<string, { x: number[] } & Record<string, unknown>>;
}): string {
  const lines: string[] = [];
  for (const [name, curve] of Object.entries(report.curves)) {
    const series = Object.keys(curve).filter((k) => k !== 'x' && Array.isArray(curve[k]));
    if (!lines.length) lines.push(['curve', 'x', ...series].join(','));
    curve.x.forEach((x, i) => {
      const cells = series.map((s) => {
        const v = (curve[s] as unknown[])[i];
        return v === null || v === undefined ? '' : String(v);
      });
      lines.push([name, String(x), ...cells].join(','));
    });
  }
  return lines.join('\n') + '\n';
}
