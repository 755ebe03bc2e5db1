/** Plain-words summary of a Fig. 5 sweep (no tfjs: the page imports this). */

/** The paper's best training rate in Fig. 5 (Bernacchia 2021 §5.4). */
export const PAPER_FIG5_BEST_ALPHA = -0.0075;

/** Compares the best αt of a sweep with αt ≈ 0 (in standard errors) and with the paper's −0.0075. */
export function describeFig5(
  r: Pick<Fig5Result, 'alphas' | 'meanTestLoss' | 'stderr' | 'bestAlpha'>,
): { bestVsZeroZ: number; statement: string } {
  const best = r.alphas.indexOf(r.bestAlpha);
  let zero = 0;
  r.alphas.forEach((a, i) => {
    if (Math.abs(a) < Math.abs(r.alphas[zero])) zero = i;
  });
  const z =
    (r.meanTestLoss[best] - r.meanTestLoss[zero]) / Math.hypot(r.stderr[best], r.stderr[zero]);
  const sign = r.bestAlpha < 0 ? 'negative' : r.bestAlpha > 0 ? 'positive' : 'zero';
  const sig =
    best === zero
      ? 'αt ≈ 0 itself is best'
      : `${Math.abs(z).toFixed(1)} standard errors below αt = ${r.alphas[zero].toPrecision(2)}`;
  return {
    bestVsZeroZ: best === zero ? 0 : z,
    statement:
      `Best αt found: ${Number(r.bestAlpha.toPrecision(3))} (${sign}; ${sig}). ` +
      `The paper found ${PAPER_FIG5_BEST_ALPHA} at width 400, 5000 epochs, 10 runs.`,
  };
}
import type { Fig5Result } from './types';
