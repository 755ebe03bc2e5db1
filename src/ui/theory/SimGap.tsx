import { useMemo } from 'react';
import type { Params } from '../../core/params';
import { SWEEP_ALPHA_T } from '../../core/sim/job';
import { relativeGap } from '../../core/sim/scaleUp';
import type { SimPartial } from '../../core/sim/types';
import { theoryModelOf } from '../../core/theoryReport';
import { fmt } from '../theme';

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${fmt(Math.abs(100 * x), 2)} %`;

/**
 * How far the simulation is from the theory, measured, where the simulation is shown: the gap at
 * the current rates with its z, the largest over the αt sweep, and what a researcher should
 * expect (a finite-size gap that shrinks along the theorem's limit) versus what would be a bug.
 */
export function SimGap({
  params,
  theory,
  partial,
}: {
  params: Params;
  theory: number | null;
  partial: SimPartial | null;
}) {
  const model = useMemo(() => theoryModelOf(params), [params]);
  if (!partial || theory === null || model.theorem === null) return null;
  const here = relativeGap(partial.current, theory);
  if (here.gap === null || here.gapSe === null) return null;
  const z = here.gap / here.gapSe;
  // The sweep point farthest from the theory, among those with a usable gap.
  const w = SWEEP_ALPHA_T.map((alpha, i) => ({
    alpha,
    ...relativeGap(partial.alphaT[i], model.loss(alpha, params.alphaR)),
  }))
    .filter((g) => g.gap !== null && g.gapSe !== null && g.gapSe > 0)
    .map((g) => ({ alpha: g.alpha, gap: g.gap!, z: g.gap! / g.gapSe! }))
    .reduce<{ alpha: number; gap: number; z: number } | null>(
      (best, g) => (!best || Math.abs(g.gap) > Math.abs(best.gap) ? g : best),
      null,
    );
  const agrees = Math.abs(z) < 2;
  return (
    <div className="sim-gap" data-testid="sim-gap" data-gap={here.gap} data-z={z}>
      <p>
        <strong>Simulation − theory</strong> at the current rates:{' '}
        <span data-testid="sim-gap-value">
          {pct(here.gap)} (z = {fmt(z, 2)}; 1 SE = {fmt(100 * here.gapSe, 2)} %)
        </span>
        {w && (
          <>
            {' '}
            · largest over the αt sweep: {pct(w.gap)} at αt = {fmt(w.alpha, 3)} (z = {fmt(w.z, 2)})
          </>
        )}
      </p>
      <p className="muted">
        {agrees
          ? 'The simulation agrees with the theory within its standard error. '
          : 'More than 2 standard errors apart. '}
        Expected: the theorems are limits (Theorem 1 in large p and nt, Theorem 2 in large m), so at
        finite sizes the theory runs slightly below the simulation, by a gap that shrinks along that
        limit — “Scale up” shows it. A gap that does not shrink with scale would be a bug.
      </p>
    </div>
  );
}
