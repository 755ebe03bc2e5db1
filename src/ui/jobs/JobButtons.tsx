import type { JobView } from '../../state/useJob';
import { etaText, statusText } from './jobText';

/**
 * Run / pause / resume / cancel for one panel's job, and one status line: what it is doing and the
 * time left while it runs, how long it took when done, and cancelled / failed in words.
 */
export function JobButtons({
  id,
  job,
  detail,
}: {
  id: string;
  job: JobView<unknown, unknown>;
  /** What the running job is doing, in the panel's terms ("epoch 40/300"). */
  detail: string;
}) {
  const busy = job.status === 'running' || job.status === 'paused';
  const where = job.backend ? ` on ${job.backend}` : '';
  const line =
    job.status === 'failed'
      ? `Error: ${job.error}`
      : job.status === 'running'
        ? `${detail} ${etaText(job)}`
        : job.status === 'paused'
          ? `paused — ${detail}`
          : job.status === 'idle'
            ? ''
            : `${statusText(job)}${job.status === 'done' ? where : ''}`;
  return (
    <div className="job-buttons" data-testid={`${id}-status`} data-status={job.status}>
      <button type="button" onClick={job.run} data-testid={`${id}-run`}>
        {busy ? 'Restart' : job.status === 'done' ? 'Run again' : 'Run'}
      </button>
      {job.status === 'running' && (
        <button type="button" onClick={job.pause} data-testid={`${id}-pause`}>
          Pause
        </button>
      )}
      {job.status === 'paused' && (
        <button type="button" onClick={job.resume}>
          Resume
        </button>
      )}
      {busy && (
        <button type="button" onClick={job.cancel} data-testid={`${id}-cancel`}>
          Cancel
        </button>
      )}
      <span className="job-progress" aria-live="polite">
        {line}
      </span>
      {job.notice && <span className="sim-notice">{job.notice}</span>}
    </div>
  );
}
