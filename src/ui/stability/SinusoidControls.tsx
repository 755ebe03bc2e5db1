import type { SinusoidGridJob } from '../../core/stability/sinusoidTypes';
import { useApp } from '../../state/store';
import {
  pauseSinusoidRun,
  resetSinusoidRun,
  resumeSinusoidRun,
  startSinusoidRun,
  useSinusoidRun,
} from './sinusoidRun';

/** Play / pause / reset and the iteration counter of the live sinusoid grid. */
export function SinusoidControls({
  job,
  jobKey,
}: {
  job: SinusoidGridJob | null;
  jobKey: string | null;
}) {
  const backend = useApp((s) => s.params.backend);
  const run = useSinusoidRun((s) => s);
  const current = run.key === jobKey;
  const status = current ? run.status : 'idle';
  const iteration = current ? (run.partial?.iteration ?? 0) : 0;
  const total = job?.iterations ?? 0;
  const play = () => {
    if (status === 'paused') resumeSinusoidRun();
    else if (job && (status === 'idle' || status === 'done' || status === 'error'))
      startSinusoidRun(job, backend);
  };
  return (
    <div className="sim-row" data-testid="stability-run" data-status={status}>
      <progress max={total} value={iteration} aria-label="Iterations done" />
      <span data-testid="stability-iteration" data-iteration={iteration}>
        iteration {iteration} / {total}
      </span>
      {status === 'running' ? (
        <button type="button" onClick={pauseSinusoidRun}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={play}>
          Play
        </button>
      )}
      <button type="button" onClick={resetSinusoidRun}>
        Reset
      </button>
      <span className="badge">backend: {(current && run.backend) || '…'}</span>
      <span className="muted">{status}</span>
      {current && run.error && (
        <p className="sim-error" role="alert">
          Training failed: {run.error}
        </p>
      )}
    </div>
  );
}
