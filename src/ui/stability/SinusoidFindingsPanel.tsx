import type { Params } from '../../core/params';
import {
  differencesFromPaper,
  flattenedCells,
  sinusoidFindings,
} from '../../core/stability/sinusoidFindings';
import { fmt } from '../theme';
import { SinusoidPaperResult } from './SinusoidPaperResult';

const VERDICT = {
  agrees: 'agrees with the paper',
  disagrees: 'disagrees with the paper',
  undecided: 'is undecided (no difference at this resolution)',
} as const;

/**
 * The paper's claim for Fig. 4a beside what the finished grid shows. Drawn only from a finished
 * run (the paper's measure is the loss after a fixed number of iterations), for the parameters
 * that produced it; a setting that differs from the paper's is labelled as reduced.
 */
export function SinusoidFindingsPanel({
  params,
  grid,
  history,
  done,
}: {
  params: Params;
  grid: { alpha: number[]; beta: number[]; diverged: boolean[][] } | null;
  history: { iteration: number; loss: (number | null)[][] }[];
  done: boolean;
}) {
  const diffs = differencesFromPaper(params);
  const f = grid && done ? sinusoidFindings(grid) : null;
  const flat = grid && done ? flattenedCells(grid.diverged, history) : null;
  return (
    <section className="findings" data-testid="stability-findings" data-verdict={f?.verdict ?? ''}>
      <h3>Paper vs this run</h3>
      <p>
        <strong>The paper claims</strong> (§5.2, Fig. 4a): if α is close to the value above which
        the losses diverge, a larger β can be used than at α = 0 (its dashed line).
      </p>
      {!f ? (
        <p className="muted">
          The comparison is drawn when the run has done all {params.stIters} iterations.
        </p>
      ) : (
        <p>
          <strong>This run</strong> (seed {params.stSeed}): largest stable β at the smallest α (
          {fmt(grid!.alpha[0])}) = {fmt(f.betaAtSmallestAlpha)}; near the edge of the stable α range
          (up to α = {fmt(f.edge?.alpha ?? null)}) it is {fmt(f.betaNearEdge)}; the largest is{' '}
          {fmt(f.best?.betaMax ?? null)} at α = {fmt(f.best?.alpha ?? null)}. So this run{' '}
          <strong>{VERDICT[f.verdict]}</strong>. One seed.
        </p>
      )}
      <SinusoidPaperResult />
      {flat && (
        <p data-testid="stability-flattened">
          Convergence: {flat.flattened} of the {flat.stable} cells that did not diverge have
          flattened
          {flat.medianAt !== null ? ` (median at iteration ${flat.medianAt})` : ''}; {flat.rule}.
          The claim is about divergence within {params.stIters} iterations, as in the paper.
        </p>
      )}
      {diffs.length > 0 ? (
        <p className="sim-notice" data-testid="stability-reduced">
          Reduced setting — not a finding at the paper’s setting: {diffs.join('; ')}.
        </p>
      ) : (
        <p className="muted">
          The paper’s setting (grid {params.stAlphaCells} × {params.stBetaCells}). Divergence is
          decided on {params.stEvalTasks} fixed evaluation tasks, not on the noisy training batch.
        </p>
      )}
    </section>
  );
}
