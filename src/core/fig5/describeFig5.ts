/** Plain-words summary of a Fig. 5 sweep (no tfjs: the page imports this). */
import type { Fig5Result } from './types';
import type { Fig5Setting } from './quadraticRegression';
import { fig5Differences, isPaperScale } from './paperDiff';
import { flatteningStatement } from '../stats/flattening';

/** The paper's best training rate in Fig. 5 (Bernacchia 2021 §5.4). */
export const PAPER_FIG5_BEST_ALPHA = -0.0075;

export const PAPER_FIG5_CLAIM =
  'The paper (Bernacchia 2021 §5.4, Fig. 5: width 400, 5000 epochs, lr 0.001, 10 runs, 1000 test ' +
  `tasks) finds the optimal training rate negative: best αt = ${PAPER_FIG5_BEST_ALPHA}.`;

export type Fig5Agreement = 'agrees' | 'disagrees' | 'inconclusive';

export interface Fig5Description {
  /** (loss at the best αt − loss at the αt nearest 0) / its paired standard error over runs. */
  bestVsZeroZ: number;
  /** Every setting that decides the answer is the paper's. */
  paperScale: boolean;
  /** The mean meta-training loss flattened by the last epoch. */
  converged: boolean;
  /** What differs from the paper (empty at its setting, the αt grid aside). */
  differences: string[];
  /** The sign of the optimum against the paper's claim (negative), at 2 paired standard errors. */
  agreement: Fig5Agreement;
  statement: string;
}

/** Mean and standard error of loss[a] − loss[b] over runs (the runs share their draws). */
function paired(perRun: number[][], a: number, b: number): { d: number; se: number } {
  const diff = perRun[a].map((v, r) => v - perRun[b][r]);
  const n = diff.length;
  const d = diff.reduce((x, y) => x + y, 0) / n;
  const se = n > 1 ? Math.sqrt(diff.reduce((x, y) => x + (y - d) ** 2, 0) / (n - 1) / n) : NaN;
  return { d, se };
}

const fmtA = (a: number) => String(Number(a.toPrecision(3)));
const fmtL = (v: number, se: number) => `${v.toPrecision(4)} ± ${se.toPrecision(2)}`;

export function describeFig5(
  r: Pick<
    Fig5Result,
    'alphas' | 'meanTestLoss' | 'stderr' | 'bestAlpha' | 'perRun' | 'flattenedAt'
  > & { curve?: { epochs: number[] } },
  setting: Fig5Setting,
): Fig5Description {
  const best = r.alphas.indexOf(r.bestAlpha);
  let zero = 0;
  r.alphas.forEach((a, i) => {
    if (Math.abs(a) < Math.abs(r.alphas[zero])) zero = i;
  });
  const vsZero = paired(r.perRun, best, zero);
  const z = best === zero ? 0 : vsZero.d / vsZero.se;
  // Best negative αt against the overall best (when the best is not negative).
  let neg = -1;
  r.alphas.forEach((a, i) => {
    if (a < 0 && (neg < 0 || r.meanTestLoss[i] < r.meanTestLoss[neg])) neg = i;
  });
  let agreement: Fig5Agreement = 'inconclusive';
  if (r.bestAlpha < 0 && z <= -2) agreement = 'agrees';
  else if (r.bestAlpha >= 0 && neg >= 0) {
    const p = paired(r.perRun, neg, best);
    if (p.d / p.se >= 2) agreement = 'disagrees';
  }
  const paperScale = isPaperScale(setting);
  const converged = r.flattenedAt !== null;
  const differences = fig5Differences(setting);
  const sign = r.bestAlpha < 0 ? 'negative' : r.bestAlpha > 0 ? 'positive' : 'zero';
  const sig =
    best === zero
      ? `αt ≈ ${fmtA(r.alphas[zero])} itself is best`
      : `${Math.abs(z).toFixed(1)} paired standard errors ${z < 0 ? 'below' : 'above'} αt = ${fmtA(r.alphas[zero])}`;
  const found =
    `best αt = ${fmtA(r.bestAlpha)} (${sign}; test loss ${fmtL(r.meanTestLoss[best], r.stderr[best])} ` +
    `vs ${fmtL(r.meanTestLoss[zero], r.stderr[zero])} at αt = ${fmtA(r.alphas[zero])}, mean ± SE over ` +
    `${r.perRun[0]?.length ?? 0} runs; ${sig})`;
  const verdict =
    agreement === 'agrees'
      ? 'This agrees with the paper: the optimal αt is negative.'
      : agreement === 'disagrees'
        ? 'This disagrees with the paper: every negative αt is worse than the best, by more than 2 SE.'
        : 'Inconclusive: the best αt is not separated from the others by 2 standard errors.';
  const epochs = r.curve?.epochs.at(-1) ?? setting.epochs;
  const flat = flatteningStatement(r.flattenedAt, epochs);
  let statement: string;
  if (paperScale && converged)
    statement = `At the paper's setting, converged: ${found}. ${verdict} ${flat}`;
  else if (paperScale)
    statement = `At the paper's setting but NOT converged, so no conclusion: ${found}. ${flat}`;
  else
    statement =
      `Reduced setting, not the paper's (${differences.join('; ')}): ${found}. ` +
      `${verdict.replace('This ', 'At this reduced setting this ')} ${flat}`;
  statement += ` Paper: best αt = ${PAPER_FIG5_BEST_ALPHA}.`;
  return { bestVsZeroZ: z, paperScale, converged, differences, agreement, statement };
}
