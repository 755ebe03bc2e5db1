import type { SinusoidGridProgress, SinusoidGridRequest } from '../../core/stability/jobs';
import type { SinusoidGridResult } from '../../core/stability/sinusoidTypes';
import type { JobView } from '../../state/useJob';
import { etaText, statusText } from '../jobs/jobText';

/** Play / pause / reset, the iteration counter and the ETA of the live sinusoid grid. */
export function SinusoidControls({
  job,
  run,
}: {
  job: SinusoidGridRequest | null;
  run: JobView<SinusoidGridProgress, SinusoidGridResult>;
}) {
  const { status } = run;
  const iteration = run.partial?.iteration ?? 0;
  const total = job?.iterations ?? 0;
  const play = () => (status === 'paused' ? run.resume() : run.run());
  return (
    <div className="sim-row" data-testid="stability-run" data-status={status}>
      <progress max={total} value={iteration} aria-label="Iterations done" />
      <span data-testid="stability-iteration" data-iteration={iteration}>
        iteration {iteration} / {total}
      </span>
      <span className="muted" data-testid="stability-eta">
        {etaText(run)}
      </span>
      {status === 'running' ? (
        <button type="button" onClick={run.pause}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={play}>
          Play
        </button>
      )}
      <button type="button" onClick={run.reset}>
        Reset
      </button>
      <span className="badge">backend: {run.backend ?? '…'}</span>
      <span className="muted">{statusText(run)}</span>
      {run.notice && <p className="sim-notice">{run.notice}</p>}
      {run.error && (
        <p className="sim-error" role="alert">
          Training failed: {run.error}
        </p>
      )}
    </div>
  );
}
