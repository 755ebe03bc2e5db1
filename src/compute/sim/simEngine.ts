import { simulateRunsCpu } from '../../core/sim/cpuSimulation';
import type { RunCoefficients } from '../../core/sim/lossCoefficients';
import type { SimCovariances } from '../../core/sim/simCovariances';
import type { SimJob } from '../../core/sim/types';

/**
 * What simulates a chunk of runs. Every run has its own random streams and every engine samples the
 * same distribution, so a job can move to another engine mid-way (device lost) without changing its
 * statistics. Engines also consume the same draws, and agree run by run (to float32 rounding for the
 * tfjs engines), except the isotropic paper-style estimator on hardware WebGPU, which draws
 * everything on the GPU as the CPU's 'direct' sampler does (the others use the reduced samplers).
 */
export interface SimEngine {
  /** Shown in the page: the tfjs backend ('webgpu', 'webgl', 'wasm') or 'cpu' (plain Float64 JS). */
  readonly name: string;
  simulateRuns(
    job: SimJob,
    cov: SimCovariances,
    run0: number,
    run1: number,
  ): Promise<RunCoefficients>;
  /** Set when the engine can no longer run (e.g. the GPU device was lost). */
  lostReason?(): string | undefined;
}

/** The plain-Float64 engine: the reference implementation itself, no tfjs. */
export const cpuSimEngine: SimEngine = {
  name: 'cpu',
  simulateRuns: async (job, cov, run0, run1) => simulateRunsCpu(job, cov, run0, run1),
};
