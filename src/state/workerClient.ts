/**
 * The page's side of a job worker (no tfjs here: the page bundle stays small). One client per
 * worker, with lanes: within a lane, starting a job settles the previous one as 'cancelled' at once
 * and aborts it in the worker, and its late partials are dropped; other lanes are untouched.
 *
 * A worker that dies (an uncaught error, an out-of-memory crash, `self.close()`) or stops answering
 * its liveness ping is terminated; every job in flight rejects with WorkerLostError and the next
 * run starts a fresh worker (the job controller re-runs the current jobs). A busy worker cannot
 * answer either: runners yield at their checkpoints, and the timeout (60 s) is far above the
 * longest stretch between two checkpoints of today's runners at their presets.
 */
import * as Comlink from 'comlink';
import type { JobWorkerApi } from '../core/jobs/workerProtocol';

export class WorkerLostError extends Error {
  override name = 'WorkerLostError';
}

export interface WorkerClient<Api extends JobWorkerApi = JobWorkerApi> {
  run<R>(
    lane: string,
    name: string,
    job: unknown,
    onPartial: (p: unknown) => void,
  ): Promise<R | 'cancelled'>;
  cancel(lane: string): void;
  pause(lane: string): void;
  resume(lane: string): void;
  /** The worker's other calls (backendInfo, numTensors); starts the worker if needed. */
  api(): Comlink.Remote<Api>;
  dispose(): void;
}

export interface WorkerClientOptions {
  /** Ping period while jobs are in flight, and how long an answer may take before the worker is declared lost. */
  pingMs?: number;
  pingTimeoutMs?: number;
}

interface InFlight {
  id: number;
  settle(v: 'cancelled'): void;
  fail(e: Error): void;
}

export function createWorkerClient<Api extends JobWorkerApi = JobWorkerApi>(
  makeWorker: () => Worker,
  { pingMs = 2000, pingTimeoutMs = 60_000 }: WorkerClientOptions = {},
): WorkerClient<Api> {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<Api> | null = null;
  let nextId = 0;
  const lanes = new Map<string, InFlight>();
  let pinger: ReturnType<typeof setInterval> | undefined;
  let lastAnswer = 0;

  const lose = (why: string) => {
    const w = worker;
    worker = null;
    remote = null;
    clearInterval(pinger);
    pinger = undefined;
    w?.terminate();
    const flights = [...lanes.values()];
    lanes.clear();
    flights.forEach((f) => f.fail(new WorkerLostError(why)));
  };

  const ensure = () => {
    if (remote) return remote;
    const w = makeWorker();
    worker = w;
    w.addEventListener('error', (e) => {
      if (worker === w) lose(`the worker crashed${e.message ? `: ${e.message}` : ''}`);
    });
    w.addEventListener('messageerror', () => {
      if (worker === w) lose('the worker sent a message that could not be read');
    });
    remote = Comlink.wrap<Api>(w);
    return remote;
  };

  // Liveness: only while jobs are in flight, so an idle page does no work.
  const watch = () => {
    if (pinger) return;
    lastAnswer = performance.now();
    pinger = setInterval(() => {
      if (lanes.size === 0) {
        clearInterval(pinger);
        pinger = undefined;
        return;
      }
      if (performance.now() - lastAnswer > pingTimeoutMs)
        return lose(`the worker stopped answering for ${Math.round(pingTimeoutMs / 1000)} s`);
      const r = remote;
      void r?.ping().then(
        () => {
          if (r === remote) lastAnswer = performance.now();
        },
        () => {},
      );
    }, pingMs);
  };

  const supersede = (lane: string) => {
    const f = lanes.get(lane);
    lanes.delete(lane);
    f?.settle('cancelled');
  };

  return {
    run<R>(lane: string, name: string, job: unknown, onPartial: (p: unknown) => void) {
      supersede(lane);
      const r = ensure();
      const id = ++nextId;
      const mine = () => lanes.get(lane)?.id === id;
      return new Promise<R | 'cancelled'>((resolve, reject) => {
        lanes.set(lane, { id, settle: resolve, fail: reject });
        watch();
        const forward = Comlink.proxy((p: unknown) => {
          if (mine()) onPartial(p);
        });
        r.start(lane, name, id, job, forward).then(
          (outcome) => {
            if (!mine()) return resolve('cancelled');
            lanes.delete(lane);
            if (outcome.status === 'done') resolve(outcome.result as R);
            else if (outcome.status === 'cancelled') resolve('cancelled');
            else reject(new Error(outcome.message));
          },
          (e: unknown) => {
            if (!mine()) return resolve('cancelled');
            lanes.delete(lane);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      });
    },
    cancel(lane) {
      supersede(lane);
      void remote?.cancel(lane);
    },
    pause: (lane) => void remote?.pause(lane),
    resume: (lane) => void remote?.resume(lane),
    api: ensure,
    dispose() {
      [...lanes.keys()].forEach(supersede);
      clearInterval(pinger);
      remote?.[Comlink.releaseProxy]();
      worker?.terminate();
      worker = null;
      remote = null;
    },
  };
}
