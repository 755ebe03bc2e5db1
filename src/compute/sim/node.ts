/**
 * Node entry of the simulation engine, for the CLI (`npm run repro -- '<link>' --sim`) and benches:
 *
 *   simulateForCli(job, { backend: 'wasm' | 'cpu' }) →
 *     { backend, current: { mean, stderr, runs }, alphaT: { simMean[], simStderr[] }, alphaR: {…} }
 *
 * The same engine as the page's worker: same per-run draws, same chunked runner (directContext).
 */
import type { PointStats, SimJob, SimResult } from '../../core/sim/types';
import { nodeBackendLoaders } from '../backend/node';
import { createBackendEngineHost } from './engineHost';
import { directContext } from '../../core/jobs/context';
import { runSimulationWith, setSimEngineHost } from './simulate';
import { runScaleUp } from './scaleUp';
import type { ScaleUpJob, ScaleUpProgress, ScaleUpResult } from '../../core/sim/scaleUp';

export interface CliSimOutput {
  backend: string;
  notice?: string;
  current: { mean: number | null; stderr: number | null; runs: number; illConditioned: boolean };
  alphaT: { simMean: (number | null)[]; simStderr: (number | null)[] };
  alphaR: { simMean: (number | null)[]; simStderr: (number | null)[] };
}

/** JSON has no NaN: an unusable point is null (its flags say why). */
const finite = (x: number) => (Number.isFinite(x) ? x : null);
const curve = (s: PointStats[]) => ({
  simMean: s.map((p) => finite(p.mean)),
  simStderr: s.map((p) => finite(p.stderr)),
});

export async function runSimulationInNode(
  job: SimJob,
  opts: { backend?: 'webgpu' | 'wasm' | 'cpu'; onProgress?: (p: SimResult) => void } = {},
): Promise<SimResult> {
  const { host } = createBackendEngineHost(nodeBackendLoaders);
  return runSimulationWith(
    host,
    { ...job, backend: opts.backend ?? 'wasm' },
    directContext(opts.onProgress),
  );
}

export async function simulateForCli(
  job: SimJob,
  opts: { backend?: 'wasm' | 'cpu' } = {},
): Promise<CliSimOutput> {
  const r = await runSimulationInNode(job, opts);
  return {
    backend: r.backend,
    ...(r.notice ? { notice: r.notice } : {}),
    current: {
      mean: finite(r.current.mean),
      stderr: finite(r.current.stderr),
      runs: r.current.n,
      illConditioned: r.current.illConditioned,
    },
    alphaT: curve(r.alphaT),
    alphaR: curve(r.alphaR),
  };
}

/** The scale-up job in Node (`repro --scale-up`): the page's runner on the wasm or cpu engine. */
export async function scaleUpForCli(
  job: ScaleUpJob,
  opts: { backend?: 'wasm' | 'cpu'; onProgress?: (p: ScaleUpProgress) => void } = {},
): Promise<ScaleUpResult> {
  const { host } = createBackendEngineHost(nodeBackendLoaders);
  setSimEngineHost(host);
  const backend = opts.backend ?? 'wasm';
  const jobs = job.jobs.map((j) => ({ ...j, job: { ...j.job, backend } }));
  return runScaleUp({ jobs }, directContext(opts.onProgress));
}
