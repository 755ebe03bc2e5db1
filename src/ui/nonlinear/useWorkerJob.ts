import { useCallback, useEffect, useRef, useState } from 'react';
import { createComputeClient, type ComputeClient } from '../../worker/computeClient';

export type JobStatus = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'error';

export interface WorkerJob<P, R> {
  status: JobStatus;
  partial: P | null;
  result: R | null;
  error: string | null;
  run(job: unknown): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

/**
 * One heavy job of the nonlinear view in its own compute worker (created on first run, so a view
 * that is never used starts no worker). Latest wins: running again cancels the previous job.
 */
export function useWorkerJob<P, R>(name: string): WorkerJob<P, R> {
  const client = useRef<ComputeClient | null>(null);
  const [status, setStatus] = useState<JobStatus>('idle');
  const [partial, setPartial] = useState<P | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const run = useCallback(
    (job: unknown) => {
      client.current ??= createComputeClient();
      setStatus('running');
      setPartial(null);
      setResult(null);
      setError(null);
      client.current
        .run<unknown, P, R>(name, job, (p) => setPartial(p))
        .then(
          (r) => {
            if (r === 'cancelled') return;
            setResult(r);
            setStatus('done');
          },
          (e: unknown) => {
            setError(e instanceof Error ? e.message : String(e));
            setStatus('error');
          },
        );
    },
    [name],
  );

  return {
    status,
    partial,
    result,
    error,
    run,
    pause: () => {
      client.current?.pause();
      setStatus('paused');
    },
    resume: () => {
      client.current?.resume();
      setStatus('running');
    },
    cancel: () => {
      client.current?.cancel();
      setStatus('cancelled');
    },
  };
}
