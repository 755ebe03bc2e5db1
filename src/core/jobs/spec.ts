/**
 * What the page knows about a heavy job, without running it (pure: the page, the worker and the CLI
 * share it). A job is described once, here in core, by a JobSpec; its runner lives in src/compute
 * (tfjs jobs) or src/core (plain TypeScript jobs) and is registered under the same name in a worker.
 * The page's one job controller (src/state/jobController.ts) runs every spec alike.
 */
import type { Params, ViewName } from '../params';

/** Which worker runs the job: the one that owns TensorFlow.js, or the light one without it. */
export type WorkerKind = 'compute' | 'pure';

/** How far a job is, in the units its panel shows. */
export interface JobProgress {
  done: number;
  total: number;
  /** What the job is doing now, in words ("scoring on test tasks"), when it is not plain counting. */
  phase?: string;
}

export type JobStatus = 'idle' | 'running' | 'paused' | 'cancelled' | 'failed' | 'done';

export interface JobSpec<J = unknown, P = unknown, R = unknown, A = P> {
  /** Runner name in the worker. */
  name: string;
  /** Jobs of one lane replace each other (latest wins); jobs of different lanes run side by side. */
  lane: string;
  worker: WorkerKind;
  /**
   * 'auto': (re)started whenever its parameters change while one of `views` is shown; 'manual':
   * started by the user (Run / Play). Either way a change of its parameters cancels a running job.
   */
  start: 'auto' | 'manual';
  views: readonly ViewName[];
  /** The job the parameters ask for; null when the experiment is off (e.g. another setting). */
  fromParams(p: Params): J | null;
  /** Progress of a partial result (the controller derives the ETA from it). */
  progress(partial: A, job: J): JobProgress;
  /**
   * Folds each partial into what the page keeps (e.g. the sinusoid grid's loss history); applied to
   * every partial, before redraws are throttled. Default: keep the latest partial.
   */
  accumulate?(kept: A | null, partial: P): A;
  /**
   * What the page keeps once the job is done, from its result (a runner's last partial may arrive
   * after its result, on another message port, and is then dropped). Default: the kept partial.
   */
  final?(result: R, kept: A | null): A;
  /** Phantom field carrying the result type. */
  readonly _result?: R;
}

/** Identity of a job: equal keys ⇔ the same computation, so a result is shown only under its key. */
export const jobKey = (spec: { name: string }, job: unknown): string =>
  JSON.stringify([spec.name, job]);

export type AnyJobSpec = JobSpec<any, any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
