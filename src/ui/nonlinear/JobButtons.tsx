import type { WorkerJob } from './useWorkerJob';

/** Run / pause / resume / cancel for one panel's job, with a progress line. */
export function JobButtons({
  id,
  job,
  onRun,
  progress,
}: {
  id: string;
  job: WorkerJob<unknown, unknown>;
  onRun(): void;
  progress: string;
}) {
  const busy = job.status === 'running' || job.status === 'paused';
  return (
    <div className="job-buttons" data-testid={`${id}-status`} data-status={job.status}>
      <button type="button" onClick={onRun} data-testid={`${id}-run`}>
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
        {job.status === 'error' ? `Error: ${job.error}` : progress}
      </span>
    </div>
  );
}
