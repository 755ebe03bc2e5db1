import type { TheoryReport } from '../../core/theoryReport';
import { useApp } from '../../state/store';
import { fmt } from '../theme';

const REGIME_TEXT = {
  over: 'overparameterized',
  under: 'underparameterized',
  critical: 'critical (p = nv·m)',
} as const;

/** The numbers at the current settings, the optima, and buttons to jump to them. */
export function Readout({ report }: { report: TheoryReport }) {
  const setParam = useApp((s) => s.setParam);
  const { current, optimum, config } = report;
  return (
    <section className="readout" aria-label="Theory readout">
      <div className="badges">
        <span className="badge" data-testid="theorem-badge">
          {current.theorem ? `Theorem ${current.theorem}` : 'No theory'}
        </span>
        <span className={`badge regime-${current.regime}`} data-testid="regime-badge">
          nv·m/p = {fmt(current.ratio, 3)} · {REGIME_TEXT[current.regime]}
        </span>
        {current.unreliable && current.theorem && (
          <span className="badge warn" data-testid="unreliable-badge">
            theory unreliable near the transition (0.3 ≤ nv·m/p ≤ 3: 20–40 % errors, Fig. 6b/6c)
          </span>
        )}
      </div>
      {current.unavailableReason && (
        <p className="unavailable" data-testid="unavailable-reason">
          {current.unavailableReason}
        </p>
      )}
      <dl className="numbers">
        <div>
          <dt>
            Test loss at αt = {fmt(config.alphaT)}, αr = {fmt(config.alphaR)}
          </dt>
          <dd data-testid="current-loss" data-value={current.theory ?? ''}>
            {fmt(current.theory, 6)}
          </dd>
        </div>
        <div>
          <dt>Best training rate αt (at this αr)</dt>
          <dd data-testid="opt-alphaT" data-value={optimum.alphaT ?? ''}>
            {fmt(optimum.alphaT, 5)} <small>loss {fmt(optimum.lossAtAlphaT, 5)}</small>
            <button
              type="button"
              disabled={optimum.alphaT === null || optimum.alphaT < -3 || optimum.alphaT > 3}
              onClick={() => optimum.alphaT !== null && setParam('alphaT', optimum.alphaT)}
            >
              Jump to optimal αt
            </button>
          </dd>
        </div>
        <div>
          <dt>Best adaptation rate αr (at this αt)</dt>
          <dd data-testid="opt-alphaR" data-value={optimum.alphaR ?? ''}>
            {fmt(optimum.alphaR, 5)} <small>loss {fmt(optimum.lossAtAlphaR, 5)}</small>
            <button
              type="button"
              disabled={optimum.alphaR === null || optimum.alphaR < -1 || optimum.alphaR > 2}
              onClick={() => optimum.alphaR !== null && setParam('alphaR', optimum.alphaR)}
            >
              Jump to optimal αr
            </button>
          </dd>
        </div>
      </dl>
    </section>
  );
}
