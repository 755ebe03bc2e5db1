/**
 * The simulation in its own compute worker, outside the page's job controller, for the browser
 * tests and `bench:sim -- --browser` (the page's real path: Web Worker + tfjs, one lane).
 */
import { simJobSpec } from '../core/sim/job';
import type { BackendChoice, SimJob, SimPartial, SimResult } from '../core/sim/types';
import type { JobWorkerApi } from '../core/jobs/workerProtocol';
import { createWorkerClient } from './workerClient';

export function createSimWorkerClient() {
  const client = createWorkerClient<Required<JobWorkerApi>>(
    () => new Worker(new URL('../worker/computeWorker.ts', import.meta.url), { type: 'module' }),
  );
  const lane = simJobSpec.lane;
  return {
    start: (job: SimJob, onPartial: (p: SimPartial) => void) =>
      client.run<SimResult>(lane, simJobSpec.name, job, (p) => onPartial(p as SimPartial)),
    cancel: () => client.cancel(lane),
    pause: () => client.pause(lane),
    resume: () => client.resume(lane),
    backendInfo: (choice: BackendChoice = 'auto') => client.api().backendInfo(choice),
    numTensors: () => client.api().numTensors(),
    dispose: () => client.dispose(),
  };
}
