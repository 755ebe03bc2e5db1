/**
 * The one CSV writer of the app: the page's "CSV" buttons and `repro --format csv` both use it.
 * A missing or non-finite number (NaN, ±Infinity, null) is an empty cell, as it is `null` in the
 * JSON; text that would break a row (comma, quote, newline) is quoted as RFC 4180 says.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: readonly unknown[]) => cells.map(csvCell).join(',');

/** One plotted series of an export: x values and, per series name, one value per x. */
export type Curve = { x: readonly (number | string)[] } & Record<string, unknown>;

/**
 * CSV of every curve of an export: one row per point, columns `curve,x` then the union of all
 * series names (a curve without a series leaves its cell empty), so curves on different x grids
 * (theory: 401 points; simulation: its sweep) fit one table.
 */
export function curvesToCsv(curves: Record<string, Curve>) {
  const series: string[] = [];
  for (const c of Object.values(curves))
    for (const k of Object.keys(c))
      if (k !== 'x' && Array.isArray(c[k]) && !series.includes(k)) series.push(k);
  const lines = [row(['curve', 'x', ...series])];
  for (const [name, c] of Object.entries(curves))
    c.x.forEach((x, i) =>
      lines.push(row([name, x, ...series.map((s) => (c[s] as unknown[] | undefined)?.[i])])),
    );
  return lines.join('\n') + '\n';
}

/** CSV of a heatmap grid: one row per cell (loss[i][j] belongs to alpha[i], beta[j]). */
export function gridToCsv(report: {
  grid: { alpha: number[]; beta: number[]; loss: (number | null)[][]; diverged: boolean[][] };
}): string {
  const { alpha, beta, loss, diverged } = report.grid;
  const lines = [row(['alpha', 'beta', 'loss', 'diverged'])];
  alpha.forEach((a, i) =>
    beta.forEach((b, j) => lines.push(row([a, b, loss[i]?.[j], diverged[i]?.[j] ? 1 : 0]))),
  );
  return lines.join('\n') + '\n';
}
