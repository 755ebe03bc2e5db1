import type { JobContext, JobRunner } from '../../core/jobs/context';
import { JobAbortedError } from '../../core/jobs/context';
import {
  accumulateRuns,
  createAccumulators,
  validateSimParams,
} from '../../core/sim/lossCoefficients';
import { covariancesForSim } from '../../core/sim/simCovariances';
import { simJobKey, type SimJob, type SimPartial, type SimResult } from '../../core/sim/types';
import { cpuSimEngine, type SimEngine } from './simEngine';

/**
 * Where the simulation gets its engine: the worker installs one bound to the chosen tfjs backend;
 * `fallback` is called when the engine fails (device lost, kernel error) and returns the next
 * engine with a notice for the page, or throws when there is none.
 */
export interface SimEngineHost {
  engine(job: SimJob): Promise<SimEngine>;
  fallback(failed: SimEngine, error: unknown): Promise<{ engine: SimEngine; notice: string }>;
  /** Why the engine in use is not the one the job asked for (e.g. WebGPU unavailable). */
  notice?(): string | undefined;
}

const cpuOnlyHost: SimEngineHost = {
  engine: async () => cpuSimEngine,
  fallback: async (_failed, error) => {
    throw error;
  },
};

let host: SimEngineHost = cpuOnlyHost;

/** Installs the engine host used by runSimulation (the worker and the CLI call this once). */
export function setSimEngineHost(h: SimEngineHost): void {
  host = h;
}

/** First chunk small so the first points appear at once; later chunks aim at this duration. */
const FIRST_CHUNK_RUNS = 8;
const TARGET_CHUNK_MS = 120;

/**
 * The simulation job (issue 3): runs the job's runs in chunks, streaming a SimPartial after each
 * (all points of both sweeps, tagged with the job key) until params.runs are done.
 */
export const runSimulation: JobRunner<SimJob, SimPartial, SimResult> = (job, ctx) =>
  runSimulationWith(host, job, ctx);

export async function runSimulationWith(
  h: SimEngineHost,
  job: SimJob,
  ctx: JobContext<SimPartial>,
): Promise<SimResult> {
  validateSimParams(job.params);
  const jobKey = simJobKey(job);
  const total = job.params.runs;
  const cov = covariancesForSim(job.params);
  const acc = createAccumulators(job);
  const nT = job.sweepAlphaT.length;
  let engine = await h.engine(job);
  let notice: string | undefined = h.notice?.();
  let done = 0;
  let computeMs = 0;
  // A paper-style run scores many test tasks: start smaller so the first points still come at once.
  const firstChunk = job.params.estimator === 'mc' ? 2 : FIRST_CHUNK_RUNS;
  let chunk = Math.min(firstChunk, total);
  const snapshot = (): SimPartial => {
    const stats = acc.map((a) => a.stats());
    return {
      jobKey,
      runsDone: done,
      runsTotal: total,
      elapsedMs: computeMs,
      backend: engine.name,
      ...(notice ? { notice } : {}),
      current: stats[0],
      alphaT: stats.slice(1, 1 + nT),
      alphaR: stats.slice(1 + nT),
    };
  };
  while (done < total) {
    await ctx.checkpoint();
    const end = Math.min(total, done + chunk);
    const t0 = performance.now();
    let rc;
    try {
      rc = await engine.simulateRuns(job, cov, done, end);
    } catch (error) {
      if (ctx.signal.aborted || error instanceof JobAbortedError) throw error;
      ({ engine, notice } = await h.fallback(engine, error));
      chunk = Math.min(firstChunk, total - done);
      continue; // the same runs again on the next engine: same streams, same distribution
    }
    if (ctx.signal.aborted) throw new JobAbortedError();
    const ms = performance.now() - t0;
    computeMs += ms;
    accumulateRuns(job, rc, acc);
    done = end;
    const perRun = Math.max(ms / rc.runs, 1e-3);
    chunk = Math.max(
      1,
      Math.min(Math.round(TARGET_CHUNK_MS / perRun), 4 * chunk, total - done || 1),
    );
    ctx.progress(snapshot());
  }
  return snapshot();
}
