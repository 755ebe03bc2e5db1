/**
 * What a finished sinusoid α–β grid says about the two-learning-rates paper's claim (§5.2,
 * Fig. 4a): "if α is close to the value above which the losses diverge, a larger β can be used"
 * than at α = 0 (the paper's dashed line). Read from the grid only: per α column, the largest β
 * below which every cell trained without diverging; the smallest α of the grid stands for α = 0
 * (the paper's range starts at 1e-4). Shared by the page and the CLI.
 */
import type { Params } from '../params';
import { parseLink } from '../params';
import { STABILITY_PRESETS } from './presets';
import { FLATTENING, flattenedAt } from '../stats/flattening';

export interface SinusoidFindings {
  /** Per α column: the largest β of the stable run from the bottom of the column (null: none). */
  betaMax: (number | null)[];
  /** β_max at the grid's smallest α (the paper's dashed line). */
  betaAtSmallestAlpha: number | null;
  /** The largest α with any stable cell, and β_max there. */
  edge: { alpha: number; betaMax: number } | null;
  /** The α whose β_max is largest (the first, if tied). */
  best: { alpha: number; betaMax: number } | null;
  /**
   * agrees: β_max near the edge of the stable α range (the stable α columns' top quarter, on
   * the log axis) exceeds β_max at the smallest α by at least one grid step; disagrees: it is
   * smaller; undecided: equal, or nothing stable.
   */
  verdict: 'agrees' | 'disagrees' | 'undecided';
  /** β_max near the edge (the largest over the top quarter's columns). */
  betaNearEdge: number | null;
}

export function sinusoidFindings(grid: {
  alpha: number[];
  beta: number[];
  diverged: boolean[][];
}): SinusoidFindings {
  const { alpha, beta, diverged } = grid;
  const betaMax = alpha.map((_, i) => {
    let b: number | null = null;
    for (let j = 0; j < beta.length && !diverged[i][j]; j++) b = beta[j];
    return b;
  });
  const stableCols = betaMax.flatMap((b, i) => (b === null ? [] : [i]));
  const betaAtSmallestAlpha = betaMax[0] ?? null;
  if (stableCols.length === 0 || betaAtSmallestAlpha === null)
    return {
      betaMax,
      betaAtSmallestAlpha,
      edge: null,
      best: null,
      verdict: 'undecided',
      betaNearEdge: null,
    };
  const last = stableCols[stableCols.length - 1];
  const edge = { alpha: alpha[last], betaMax: betaMax[last]! };
  let bestI = stableCols[0];
  for (const i of stableCols) if (betaMax[i]! > betaMax[bestI]!) bestI = i;
  // Top quarter of the stable α range on a log axis (α > 0 in the paper's range).
  const lo = Math.log(alpha[stableCols[0]]);
  const hi = Math.log(edge.alpha);
  const cut = hi - (hi - lo) / 4;
  const near = stableCols.filter((i) => Math.log(alpha[i]) >= cut);
  const betaNearEdge = Math.max(...near.map((i) => betaMax[i]!));
  const verdict =
    betaNearEdge > betaAtSmallestAlpha
      ? 'agrees'
      : betaNearEdge < betaAtSmallestAlpha
        ? 'disagrees'
        : 'undecided';
  return {
    betaMax,
    betaAtSmallestAlpha,
    edge,
    best: { alpha: alpha[bestI], betaMax: betaMax[bestI]! },
    verdict,
    betaNearEdge,
  };
}

/** The paper's Fig. 4a setting (the `fig4a` preset). */
export function paperFig4aParams(): Params {
  return parseLink(STABILITY_PRESETS.find((p) => p.id === 'fig4a')!.query).params;
}

const COMPARED: [keyof Params, string][] = [
  ['stTasks', 'tasks per meta-batch'],
  ['stIters', 'iterations'],
  ['stWidth', 'hidden units'],
  ['stShots', 'points per task'],
  ['stOrder', 'MAML gradient'],
  ['stHalf', 'loss scale'],
  ['stAlpha', 'α range'],
  ['stBeta', 'β range'],
];

/** How a sinusoid setting differs from the paper's: "tasks per meta-batch 1 (paper 100)", … */
export function differencesFromPaper(p: Params): string[] {
  const paper = paperFig4aParams();
  const show = (v: unknown) => (Array.isArray(v) ? v.join('–') : String(v));
  return COMPARED.flatMap(([k, label]) =>
    show(p[k]) === show(paper[k]) ? [] : [`${label} ${show(p[k])} (paper ${show(paper[k])})`],
  );
}

/**
 * Convergence of the cells that did not diverge: how many evaluation-loss curves have flattened
 * (core/stats/flattening.ts: over the last 10 % of the iterations the loss changed by less than 1 %
 * of its total fall) and the median iteration at which they did.
 */
export function flattenedCells(
  diverged: boolean[][],
  history: { iteration: number; loss: (number | null)[][] }[],
): { stable: number; flattened: number; medianAt: number | null; rule: string } {
  const its = history.map((h) => h.iteration);
  const at: number[] = [];
  let stable = 0;
  diverged.forEach((row, i) =>
    row.forEach((d, j) => {
      if (d) return;
      stable++;
      const curve = history.map((h) => h.loss[i]?.[j] ?? NaN);
      const f = flattenedAt(its, curve);
      if (f !== null) at.push(f);
    }),
  );
  at.sort((a, b) => a - b);
  return {
    stable,
    flattened: at.length,
    medianAt: at.length ? at[Math.floor(at.length / 2)] : null,
    rule: `flat = over the last ${FLATTENING.window * 100} % of the iterations the evaluation loss changed by less than ${FLATTENING.tol * 100} % of its total fall`,
  };
}
