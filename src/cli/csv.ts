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
