/**
 * The contract every heavy computation follows (simulations, stability grids, Meta-SGD training):
 * an async function that works in chunks, streams partial results, and stops promptly when the
 * page cancels it. The same runner runs inside the Web Worker (page) and in Node (CLI, benches).
 */
export interface JobContext<Partial> {
  /** Streams a partial result to the caller (the worker forwards it to the page). */
  progress(partial: Partial): void;
  /** Aborted when the caller cancels the job (e.g. a parameter changed). */
  signal: AbortSignal;
  /**
   * Call between chunks: resolves at once normally, waits while the user has paused, and rejects
   * with an AbortError once the job is cancelled. Also yields to the event loop so cancel/pause
   * messages are seen.
   */
  checkpoint(): Promise<void>;
}

export type JobRunner<Job, Partial, Result> = (
  job: Job,
  ctx: JobContext<Partial>,
) => Promise<Result>;

export class JobAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('job cancelled');
  }
}

/** A context for running a job outside the worker (CLI, benches, tests): never paused. */
export function directContext<P>(
  onProgress: (p: P) => void = () => {},
  signal: AbortSignal = new AbortController().signal,
): JobContext<P> {
  return {
    progress: onProgress,
    signal,
    checkpoint: async () => {
      await new Promise<void>((r) => setTimeout(r, 0));
      if (signal.aborted) throw new JobAbortedError();
    },
  };
}

/**
 * A checkpoint taken at most every `ms` (always when `now` is true): a loop of many short steps
 * stays responsive to cancel, pause and the worker's liveness ping without a yield per step.
 */
export function pacedCheckpoint(ctx: Pick<JobContext<unknown>, 'checkpoint'>, ms = 250) {
  let last = performance.now();
  return async (now = false) => {
    if (!now && performance.now() - last < ms) return;
    await ctx.checkpoint();
    last = performance.now();
  };
}
