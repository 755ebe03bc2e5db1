import { useCallback, useEffect, useRef, useState } from 'react';
import type { SectionRun } from '../../core/nonlinear/reportShape';
import type { BackendChoice } from '../../core/sim/types';
import { createComputeClient, type ComputeClient } from '../../worker/computeClient';

export interface WorkerJob<P, R> extends SectionRun<P, R> {
  /** Runs the job of the current parameters. */
  run(): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

interface RunState<P, R> extends SectionRun<P, R> {
  /** The job this state belongs to (JSON). */
  key: string | null;
}

const IDLE: RunState<never, never> = {
  key: null,
  status: 'idle',
  partial: null,
  result: null,
  error: null,
  seconds: null,
  backend: null,
};

/**
 * One heavy job of the nonlinear view in its own compute worker (created on first run, so a view
 * that is never used starts no worker). Latest wins: running again cancels the previous job.
 * `job` is what the current parameters ask for; the state of a run of any other job reads as idle
 * (nothing stale is drawn or exported), and such a run still going is cancelled.
 */
export function useWorkerJob<P, R>(name: string, job: unknown): WorkerJob<P, R> {
  const key = JSON.stringify(job);
  const client = useRef<ComputeClient | null>(null);
  const [state, setState] = useState<RunState<P, R>>(IDLE);
  // The latest run, and its wall time less the time spent paused.
  const current = useRef({ id: 0, started: 0, pausedAt: 0, pausedMs: 0 });

  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const run = useCallback(() => {
    const spec = JSON.parse(key) as { backend?: BackendChoice };
    const c = (client.current ??= createComputeClient());
    const id = current.current.id + 1;
    current.current = { id, started: performance.now(), pausedAt: 0, pausedMs: 0 };
    const mine = (f: (s: RunState<P, R>) => RunState<P, R>) =>
      setState((s) => (current.current.id === id ? f(s) : s));
    setState({ ...IDLE, key, status: 'running' });
    c.run<unknown, P, R>(name, spec, (p) => mine((s) => ({ ...s, partial: p }))).then(
      async (r) => {
        if (r === 'cancelled')
          return mine((s) =>
            s.status === 'running' || s.status === 'paused' ? { ...s, status: 'cancelled' } : s,
          );
        const { started, pausedMs } = current.current;
        const seconds = (performance.now() - started - pausedMs) / 1000;
        // tfjs jobs carry the link's backend choice; the worker says which backend that became.
        const backend =
          'backend' in spec
            ? await c.backendInfo(spec.backend).then(
                (b) => b.name,
                () => null,
              )
            : null;
        mine((s) => ({ ...s, status: 'done', result: r, seconds, backend }));
      },
      (e: unknown) =>
        mine((s) => ({ ...s, status: 'error', error: e instanceof Error ? e.message : String(e) })),
    );
  }, [name, key]);

  const fresh = state.key === key;
  const busy = state.status === 'running' || state.status === 'paused';
  // A run for other parameters is stopped; it reads 'cancelled' once the client settles it.
  useEffect(() => {
    if (!fresh && busy) client.current?.cancel();
  }, [fresh, busy]);

  return {
    ...(fresh ? state : IDLE),
    run,
    pause: () => {
      client.current?.pause();
      current.current.pausedAt = performance.now();
      setState((s) => ({ ...s, status: 'paused' }));
    },
    resume: () => {
      client.current?.resume();
      const c = current.current;
      if (c.pausedAt) c.pausedMs += performance.now() - c.pausedAt;
      c.pausedAt = 0;
      setState((s) => ({ ...s, status: 'running' }));
    },
    cancel: () => {
      client.current?.cancel();
      setState((s) => ({ ...s, status: 'cancelled' }));
    },
  };
}
