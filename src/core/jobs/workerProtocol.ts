/**
 * What a job worker answers (both workers expose it with Comlink; src/worker/jobHost.ts implements
 * it, src/state/workerClient.ts calls it). Lanes run concurrently inside one worker, interleaved at
 * their checkpoints; within a lane, starting a job aborts the one running.
 */
import type { BackendChoice } from '../sim/types';
import type { BackendInfo } from './backend';

export type JobOutcome<R> =
  { status: 'done'; result: R } | { status: 'cancelled' } | { status: 'error'; message: string };

export interface JobWorkerApi {
  start(
    lane: string,
    name: string,
    id: number,
    job: unknown,
    onPartial: (p: unknown) => void,
  ): Promise<JobOutcome<unknown>>;
  cancel(lane: string, id?: number): void;
  pause(lane: string): void;
  resume(lane: string): void;
  /** Answers at once: the client's liveness check. */
  ping(): number;
  /** Starts (if needed) and describes the backend for `choice` (compute worker only). */
  backendInfo?(choice: BackendChoice): Promise<BackendInfo>;
  /** tfjs tensors alive in the worker (leak checks; compute worker only). */
  numTensors?(): Promise<number>;
}
