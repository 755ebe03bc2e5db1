import * as Comlink from 'comlink';
import type { PureWorkerApi } from '../worker/pureWorker';

let worker: Comlink.Remote<PureWorkerApi> | null = null;

/** The page's one worker for slow pure computations, started on first use. */
export const pureWorker = () =>
  (worker ??= Comlink.wrap<PureWorkerApi>(
    new Worker(new URL('../worker/pureWorker.ts', import.meta.url), { type: 'module' }),
  ));
