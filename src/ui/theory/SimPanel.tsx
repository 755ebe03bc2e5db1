import { useApp } from '../../state/store';
import { pauseSimulation, resumeSimulation, useSim } from '../../state/simulation';
import { fmt } from '../theme';

function eta(runsDone: number, runsTotal: number, elapsedMs: number): string {
  if (runsDone <= 0 || runsDone >= runsTotal) return '';
  const s = ((runsTotal - runsDone) * elapsedMs) / runsDone / 1000;
  return s < 1 ? '< 1 s left' : `~${Math.ceil(s)} s left`;
}

/** Progress, backend and controls of the live simulation; states are labelled, never silent. */
export function SimPanel() {
  const runsTarget = useApp((s) => s.params.runs);
  const { status, partial, error, jobKey } = useSim((s) => s);
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
      data-job-key={jobKey ?? ''}
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
        <span className="muted">{partial ? eta(done, total, partial.elapsedMs) : ''}</span>
        {status === 'running' && (
          <button type="button" onClick={pauseSimulation}>
            Pause
          </button>
        )}
        {status === 'paused' && (
          <button type="button" onClick={resumeSimulation}>
            Resume
          </button>
        )}
        <span className="badge" data-testid="sim-backend">
          backend: {partial?.backend ?? '…'}
        </span>
        <span className="muted" data-testid="sim-status">
          {status === 'running' && !partial ? 'starting…' : status}
        </span>
      </div>
      {partial?.notice && <p className="sim-notice">{partial.notice}</p>}
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
          Simulated loss at the current rates: {fmt(partial.current.mean, 5)} ±{' '}
          {fmt(partial.current.stderr, 2)} (1 SE, {partial.current.n} runs)
        </p>
      )}
    </section>
  );
}
