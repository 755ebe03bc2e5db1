/**
 * The page's job controller and its two workers, created on first use: 'compute' owns TensorFlow.js,
 * 'pure' runs plain TypeScript (Wishart traces, linear / mixed stability grids) and starts fast.
 */
import type { JobWorkerApi } from '../core/jobs/workerProtocol';
import type { PureWorkerApi } from '../worker/pureWorker';
import { createJobController } from './jobController';
import { createWorkerClient, type WorkerClient } from './workerClient';

const once = <T>(make: () => T) => {
  let v: T | undefined;
  return () => (v ??= make());
};

export const computeClient = once(() =>
  createWorkerClient<Required<JobWorkerApi>>(
    () => new Worker(new URL('../worker/computeWorker.ts', import.meta.url), { type: 'module' }),
  ),
);

export const pureClient = once(() =>
  createWorkerClient<PureWorkerApi>(
    () => new Worker(new URL('../worker/pureWorker.ts', import.meta.url), { type: 'module' }),
  ),
);

export const jobs = createJobController({
  clients: { compute: computeClient as () => WorkerClient, pure: pureClient as () => WorkerClient },
});
