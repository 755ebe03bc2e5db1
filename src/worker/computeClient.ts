/**
 * Main-thread side of the compute worker (no tfjs here: the page bundle stays small). Latest wins:
 * starting a job settles the previous one as 'cancelled' at once and tells the worker to abort it;
 * partial results of a superseded job are dropped. One client = one worker = one job at a time.
 */
import type { BackendInfo } from '../core/jobs/backend';
import * as Comlink from 'comlink';
import type { BackendChoice } from '../core/sim/types';
import type { ComputeWorkerApi } from './computeWorker';

export interface ComputeClient {
  run<J, P, R>(name: string, job: J, onPartial: (p: P) => void): Promise<R | 'cancelled'>;
  cancel(): void;
  pause(): void;
  resume(): void;
  backendInfo(choice?: BackendChoice): Promise<BackendInfo>;
  /** tfjs tensors alive in the worker (leak checks). */
  numTensors(): Promise<number>;
  dispose(): void;
}

export function createComputeClient(worker?: Worker): ComputeClient {
  const w =
    worker ?? new Worker(new URL('./computeWorker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<ComputeWorkerApi>(w);
  let latest = 0;
  let settleCurrent: ((v: 'cancelled') => void) | undefined;

  const supersede = () => {
    latest += 1;
    settleCurrent?.('cancelled');
    settleCurrent = undefined;
  };

  return {
    run<J, P, R>(name: string, job: J, onPartial: (p: P) => void) {
      supersede();
      const id = latest;
      return new Promise<R | 'cancelled'>((resolve, reject) => {
        settleCurrent = resolve;
        const forward = Comlink.proxy((p: unknown) => {
          if (id === latest) onPartial(p as P);
        });
        remote.start(name, id, job, forward).then(
          (outcome) => {
            if (id !== latest) return resolve('cancelled');
            settleCurrent = undefined;
            if (outcome.status === 'done') resolve(outcome.result as R);
            else if (outcome.status === 'cancelled') resolve('cancelled');
            else reject(new Error(outcome.message));
          },
          (e) => (id === latest ? reject(e) : resolve('cancelled')),
        );
      });
    },
    cancel() {
      supersede();
      void remote.cancel();
    },
    pause: () => void remote.pause(),
    resume: () => void remote.resume(),
    backendInfo: (choice = 'auto') => remote.backendInfo(choice),
    numTensors: () => remote.numTensors(),
    dispose() {
      supersede();
      remote[Comlink.releaseProxy]();
      w.terminate();
    },
  };
}
