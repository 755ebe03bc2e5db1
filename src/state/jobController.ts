/**
 * THE job controller: every heavy job of the page runs through it (simulations, stability grids,
 * network trainings). Framework-free (a zustand vanilla store; React reads it with useJob). Per lane:
 * - latest wins: a new job cancels the lane's running one at once and starts after a short debounce
 *   (a slider drag must not start a job per pixel);
 * - every state is tagged with the key of the job that produced it, and a partial or result of any
 *   other key is dropped, so nothing is drawn for parameters that did not produce it;
 * - progress with an ETA from compute time (paused time excluded), partial redraws throttled;
 * - status running / paused / cancelled / failed / done (with the time it finished);
 * - a worker that died is replaced and the lane's job re-run (a finished result is kept).
 * Nothing here knows a view: a job keeps running, or keeps its result, when the user looks elsewhere.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { jobKey, type AnyJobSpec, type JobProgress, type JobStatus } from '../core/jobs/spec';
import type { WorkerKind } from '../core/jobs/spec';
import { WorkerLostError, type WorkerClient } from './workerClient';

export interface JobState<A = unknown, R = unknown> {
  /** Key of the job this state belongs to (null: nothing asked). */
  key: string | null;
  status: JobStatus;
  partial: A | null;
  result: R | null;
  error: string | null;
  progress: JobProgress | null;
  /** Compute time so far, paused time excluded. */
  activeMs: number;
  /** Estimated compute time left (null while paused, unknown, or done). */
  etaMs: number | null;
  /** Wall-clock time (Date.now()) at which it finished, was cancelled or failed. */
  endedAt: number | null;
  /** The backend the job reported running on (tfjs jobs), and any notice about it. */
  backend: string | null;
  notice: string | null;
}

export const IDLE_JOB: JobState<never, never> = {
  key: null,
  status: 'idle',
  partial: null,
  result: null,
  error: null,
  progress: null,
  activeMs: 0,
  etaMs: null,
  endedAt: null,
  backend: null,
  notice: null,
};

export interface JobControllerOptions {
  clients: Record<WorkerKind, () => WorkerClient>;
  debounceMs?: number;
  /** Partials redraw at most this often (the first and the final at once). */
  throttleMs?: number;
  /** Re-runs of one job after its worker died, before it is reported failed. */
  maxRestarts?: number;
  now?: () => number;
}

export interface JobController {
  store: StoreApi<Record<string, JobState>>;
  get(lane: string): JobState;
  /** Runs `job` in its lane unless that very job is already running or done (`force`: run again). */
  run(spec: AnyJobSpec, job: unknown, opts?: { force?: boolean; debounceMs?: number }): void;
  cancel(lane: string): void;
  pause(lane: string): void;
  resume(lane: string): void;
  /** Cancels and forgets the lane's job. */
  reset(lane: string): void;
  dispose(): void;
}

interface LaneWork {
  timer?: ReturnType<typeof setTimeout>;
  trailing?: ReturnType<typeof setTimeout>;
  client?: WorkerClient;
  startedAt: number;
  pausedAt: number;
  pausedMs: number;
  restarts: number;
}

const busy = (s: JobState) => s.status === 'running' || s.status === 'paused';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const field = (x: unknown, k: 'backend' | 'notice') =>
  x && typeof x === 'object' && typeof (x as Record<string, unknown>)[k] === 'string'
    ? ((x as Record<string, unknown>)[k] as string)
    : null;

export function createJobController({
  clients,
  debounceMs = 150,
  throttleMs = 250,
  maxRestarts = 2,
  now = () => performance.now(),
}: JobControllerOptions): JobController {
  const store = createStore<Record<string, JobState>>()(() => ({}));
  const work = new Map<string, LaneWork>();
  const made = new Map<WorkerKind, WorkerClient>();
  const clientOf = (kind: WorkerKind) => {
    let c = made.get(kind);
    if (!c) made.set(kind, (c = clients[kind]()));
    return c;
  };

  const get = (lane: string): JobState => store.getState()[lane] ?? IDLE_JOB;
  const set = (lane: string, patch: Partial<JobState>) =>
    store.setState((s) => ({ ...s, [lane]: { ...(s[lane] ?? IDLE_JOB), ...patch } }));
  const laneWork = (lane: string) => {
    let w = work.get(lane);
    if (!w) work.set(lane, (w = { startedAt: 0, pausedAt: 0, pausedMs: 0, restarts: 0 }));
    return w;
  };
  const activeMs = (w: LaneWork) => (w.pausedAt || now()) - w.startedAt - w.pausedMs;

  /** Stops whatever the lane is doing (timers and the worker's job); the state is the caller's. */
  const stop = (lane: string) => {
    const w = laneWork(lane);
    clearTimeout(w.timer);
    clearTimeout(w.trailing);
    w.timer = w.trailing = undefined;
    if (busy(get(lane))) w.client?.cancel(lane);
  };

  const launch = (spec: AnyJobSpec, job: unknown, key: string) => {
    const lane = spec.lane;
    const w = laneWork(lane);
    if (get(lane).key !== key) return;
    const client = (w.client = clientOf(spec.worker));
    // Paused during the debounce: start paused (the pause below reaches the worker after the start).
    const pausedEarly = get(lane).status === 'paused';
    Object.assign(w, { startedAt: now(), pausedAt: pausedEarly ? now() : 0, pausedMs: 0 });
    let kept: unknown = null;
    let lastDraw = -Infinity;
    const mine = () => get(lane).key === key;
    const show = () => {
      w.trailing = undefined;
      lastDraw = now();
      if (!mine()) return;
      const progress = spec.progress(kept, job);
      const ms = activeMs(w);
      const left =
        get(lane).status === 'running' && progress.done > 0 && progress.done < progress.total
          ? (ms * (progress.total - progress.done)) / progress.done
          : null;
      set(lane, {
        partial: kept,
        progress,
        activeMs: ms,
        etaMs: left,
        backend: field(kept, 'backend') ?? get(lane).backend,
        notice: field(kept, 'notice') ?? get(lane).notice,
      });
    };
    client
      .run(lane, spec.name, job, (p) => {
        if (!mine()) return;
        kept = spec.accumulate ? spec.accumulate(kept, p) : p;
        clearTimeout(w.trailing);
        const wait = throttleMs - (now() - lastDraw);
        if (wait <= 0) show();
        else w.trailing = setTimeout(show, wait);
      })
      .then(
        (r) => {
          if (!mine()) return;
          clearTimeout(w.trailing);
          if (r === 'cancelled') {
            if (busy(get(lane)))
              set(lane, { status: 'cancelled', etaMs: null, endedAt: Date.now() });
            return;
          }
          if (spec.final) kept = spec.final(r, kept);
          if (kept !== null) show();
          w.restarts = 0;
          set(lane, {
            status: 'done',
            result: r,
            etaMs: null,
            activeMs: activeMs(w),
            endedAt: Date.now(),
            backend: field(r, 'backend') ?? get(lane).backend,
            notice: field(r, 'notice') ?? get(lane).notice,
          });
        },
        (e: unknown) => {
          if (!mine()) return;
          clearTimeout(w.trailing);
          if (e instanceof WorkerLostError && w.restarts < maxRestarts) {
            w.restarts += 1;
            set(lane, {
              status: 'running',
              partial: null,
              progress: null,
              etaMs: null,
              notice: `The worker was lost (${e.message}): started a new one and re-ran this job.`,
            });
            launch(spec, job, key);
            return;
          }
          set(lane, { status: 'failed', error: message(e), etaMs: null, endedAt: Date.now() });
        },
      );
    if (pausedEarly) client.pause(lane);
  };

  return {
    store,
    get,
    run(spec, job, { force = false, debounceMs: wait = debounceMs } = {}) {
      const lane = spec.lane;
      const key = jobKey(spec, job);
      const cur = get(lane);
      if (!force && cur.key === key && (busy(cur) || cur.status === 'done')) return;
      stop(lane);
      if (cur.key !== key) laneWork(lane).restarts = 0;
      store.setState((s) => ({ ...s, [lane]: { ...IDLE_JOB, key, status: 'running' } }));
      const w = laneWork(lane);
      w.timer = setTimeout(() => launch(spec, job, key), wait);
    },
    cancel(lane) {
      if (!busy(get(lane))) return;
      stop(lane);
      set(lane, { status: 'cancelled', etaMs: null, endedAt: Date.now() });
    },
    pause(lane) {
      if (get(lane).status !== 'running') return;
      const w = laneWork(lane);
      w.client?.pause(lane);
      w.pausedAt = now();
      set(lane, { status: 'paused', etaMs: null });
    },
    resume(lane) {
      if (get(lane).status !== 'paused') return;
      const w = laneWork(lane);
      w.client?.resume(lane);
      if (w.pausedAt) w.pausedMs += now() - w.pausedAt;
      w.pausedAt = 0;
      set(lane, { status: 'running' });
    },
    reset(lane) {
      stop(lane);
      store.setState((s) => ({ ...s, [lane]: IDLE_JOB }));
    },
    dispose() {
      for (const lane of work.keys()) stop(lane);
      made.forEach((c) => c.dispose());
      made.clear();
    },
  };
}
