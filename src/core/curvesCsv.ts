/** One plotted series of an export: x values and, per series name, one value per x. */
export type Curve = { x: readonly (number | string)[] } & Record<string, unknown>;

/**
 * CSV of every curve of an export (the page's "CSV" button and `repro --format csv` alike): one row
 * per point, columns `curve,x` then the union of all series names (a curve without a series leaves
 * its cell empty), so curves on different x grids (theory: 401 points; simulation: its sweep) fit
 * one table.
 */
export function curvesToCsv(curves: Record<string, Curve>) {
  const series: string[] = [];
  for (const c of Object.values(curves))
    for (const k of Object.keys(c))
      if (k !== 'x' && Array.isArray(c[k]) && !series.includes(k)) series.push(k);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const lines = [['curve', 'x', ...series].join(',')];
  for (const [name, c] of Object.entries(curves))
    c.x.forEach((x, i) =>
      lines.push(
        [name, String(x), ...series.map((s) => cell((c[s] as unknown[] | undefined)?.[i]))].join(
          ',',
        ),
      ),
    );
  return lines.join('\n') + '\n';
}
