import { useStore } from 'zustand';
import { jobKey, type JobSpec } from '../core/jobs/spec';
import { IDLE_JOB, type JobController, type JobState } from './jobController';
import { jobs } from './jobs';

export interface JobView<A, R> extends JobState<A, R> {
  /** Runs the job of the current parameters now (again, if it already ran). */
  run(): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Cancels and clears (Play runs it from the start). */
  reset(): void;
}

/**
 * A job's state for React: the lane's state only if it belongs to exactly `job` (the job the
 * current parameters ask for); otherwise idle, so nothing computed for other parameters is drawn.
 */
export function useJob<J, P, R, A>(
  spec: JobSpec<J, P, R, A>,
  job: J | null,
  controller: JobController = jobs,
): JobView<A, R> {
  const key = job === null ? null : jobKey(spec, job);
  const state = useStore(controller.store, (s) => s[spec.lane] ?? IDLE_JOB);
  const lane = spec.lane;
  const fresh = key !== null && state.key === key;
  return {
    ...((fresh ? state : IDLE_JOB) as JobState<A, R>),
    run: () => {
      if (job !== null) controller.run(spec, job, { force: true, debounceMs: 0 });
    },
    pause: () => fresh && controller.pause(lane),
    resume: () => fresh && controller.resume(lane),
    cancel: () => fresh && controller.cancel(lane),
    reset: () => controller.reset(lane),
  };
}
