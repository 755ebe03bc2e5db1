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

/** CSV of a heatmap grid: one row per cell (loss[i][j] belongs to alpha[i], beta[j]). */
export function gridCsv(report: {
  grid: { alpha: number[]; beta: number[]; loss: (number | null)[][]; diverged: boolean[][] };
}): string {
  const { alpha, beta, loss, diverged } = report.grid;
  const lines = ['alpha,beta,loss,diverged'];
  alpha.forEach((a, i) =>
    beta.forEach((b, j) => {
      const v = loss[i]?.[j];
      lines.push(`${a},${b},${v === null || v === undefined ? '' : v},${diverged[i]?.[j] ? 1 : 0}`);
    }),
  );
  return lines.join('\n') + '\n';
}
