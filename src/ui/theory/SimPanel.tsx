import { useMemo } from 'react';
import { simJobKey } from '../../core/sim/types';
import { useApp } from '../../state/store';
import { etaText, statusText } from '../jobs/jobText';
import { fmt } from '../theme';
import { useSimulation } from './useSimulation';

/** Progress, backend and controls of the live simulation; states are labelled, never silent. */
export function SimPanel() {
  const params = useApp((s) => s.params);
  const sim = useSimulation();
  const { status, partial, error } = sim;
  // The simulation's own key of the current parameters (partials carry the key that made them).
  const jobKey = useMemo(() => simJobKey(sim.job), [sim.job]);
  const runsTarget = params.runs;
  const done = partial?.runsDone ?? 0;
  const total = partial?.runsTotal ?? runsTarget;
  const ill =
    partial &&
    [partial.current, ...partial.alphaT, ...partial.alphaR].some((p) => p.illConditioned);
  const diverged =
    partial && [partial.current, ...partial.alphaT, ...partial.alphaR].some((p) => p.diverged);
  return (
    <section
      className="sim-panel"
      aria-label="Simulation"
      data-testid="sim-panel"
      data-status={status}
      data-job-key={jobKey}
      data-partial-key={partial?.jobKey ?? ''}
    >
      <div className="sim-row">
        <strong>Simulation</strong>
        <progress
          max={total}
          value={done}
          aria-label="Simulation runs done"
          data-testid="sim-progress"
          data-done={done}
        />
        <span data-testid="sim-runs">
          {done} / {total} runs
        </span>
        <span className="muted" data-testid="sim-eta">
          {etaText(sim)}
        </span>
        {status === 'running' && (
          <button type="button" onClick={sim.pause}>
            Pause
          </button>
        )}
        {status === 'paused' && (
          <button type="button" onClick={sim.resume}>
            Resume
          </button>
        )}
        <span className="badge" data-testid="sim-backend">
          backend: {partial?.backend ?? '…'}
        </span>
        <span className="muted" data-testid="sim-status">
          {statusText(sim)}
        </span>
      </div>
      {(sim.notice ?? partial?.notice) && (
        <p className="sim-notice">{sim.notice ?? partial?.notice}</p>
      )}
      {error && (
        <p className="sim-error" role="alert">
          Simulation failed: {error}
        </p>
      )}
      {ill && (
        <p className="badge warn" data-testid="sim-ill">
          ill-conditioned: results unreliable near p = nv·m (affected points are not drawn)
        </p>
      )}
      {diverged && <p className="badge warn">some points diverged (loss not finite): not drawn</p>}
      {partial && (
        <p className="sim-current" data-testid="sim-current">
          Simulated loss at the current rates:{' '}
          {partial.current.illConditioned || partial.current.diverged
            ? `not shown — ${partial.current.illConditioned ? 'ill-conditioned (p ≈ nv·m)' : 'diverged'}`
            : `${fmt(partial.current.mean, 5)} ± ${fmt(partial.current.stderr, 2)} (1 SE, ${partial.current.n} runs)`}
        </p>
      )}
    </section>
  );
}
