/**
 * The simulation client the page uses (issue 3).
 *
 *   const sim = createSimClient();
 *   const key = simJobKey(job);              // draw a partial only if partial.jobKey === key
 *   const result = await sim.start(job, (partial) => …);   // SimResult | 'cancelled'
 *   sim.pause(); sim.resume(); sim.cancel();
 *   await sim.backendInfo('auto');           // { name, isFallbackAdapter?, notice? }
 *
 * job = { params: {p, m, nt, nv, nr, sigma, nu, w0, omega0, cov, sx, sw, seed, alphaT, alphaR, runs,
 * estimator, testTasks, testPoints}, sweepAlphaT (at params.alphaR), sweepAlphaR (at params.alphaT),
 * backend?: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu' }. Each partial carries runsDone / runsTotal,
 * elapsedMs (compute time, for an ETA), the backend used (and a notice if it had to fall back), and
 * PointStats {mean, stderr, n, illConditioned, diverged} for the current point and both sweeps.
 * Starting a job cancels the running one at once (its promise resolves 'cancelled').
 */
import type { BackendInfo } from '../core/jobs/backend';
import type { BackendChoice, SimJob, SimPartial, SimResult } from '../core/sim/types';
import { createComputeClient, type ComputeClient } from './computeClient';

export { simJobKey } from '../core/sim/types';
export type { PointStats, SimJob, SimPartial, SimResult } from '../core/sim/types';
export type { BackendInfo } from '../core/jobs/backend';

export interface SimClient {
  start(job: SimJob, onPartial: (p: SimPartial) => void): Promise<SimResult | 'cancelled'>;
  cancel(): void;
  pause(): void;
  resume(): void;
  backendInfo(choice?: BackendChoice): Promise<BackendInfo>;
  numTensors(): Promise<number>;
  dispose(): void;
}

export function createSimClient(client: ComputeClient = createComputeClient()): SimClient {
  return {
    start: (job, onPartial) => client.run<SimJob, SimPartial, SimResult>('sim', job, onPartial),
    cancel: () => client.cancel(),
    pause: () => client.pause(),
    resume: () => client.resume(),
    backendInfo: (choice) => client.backendInfo(choice),
    numTensors: () => client.numTensors(),
    dispose: () => client.dispose(),
  };
}
