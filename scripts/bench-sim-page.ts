/**
 * Page side of `npm run bench:sim -- --browser`: times the simulation worker on each browser backend
 * (the page's real path: Web Worker + tfjs). Parameters come from the query string; results are
 * left in window.__bench for scripts/bench-sim-browser.ts.
 */
import { createSimWorkerClient as createSimClient } from '../src/state/simWorkerClient';
import type { SimJob } from '../src/core/sim/types';
import { benchJobs } from './bench-sim-jobs';

interface Row {
  backend: string;
  used: string;
  notice?: string;
  workload: string;
  runs: number;
  seconds: number;
  firstPartialMs: number;
}

async function timeJob(
  job: SimJob,
): Promise<{ seconds: number; firstPartialMs: number; used: string; notice?: string }> {
  const sim = createSimClient();
  try {
    await sim.backendInfo(job.backend);
    await sim.start({ ...job, params: { ...job.params, runs: 10 } }, () => {}); // warm-up: compile kernels
    let first = NaN;
    const t0 = performance.now();
    const r = await sim.start(job, () => {
      if (Number.isNaN(first)) first = performance.now() - t0;
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r === 'cancelled') throw new Error('cancelled');
    return { seconds, firstPartialMs: first, used: r.backend, notice: r.notice };
  } finally {
    sim.dispose();
  }
}

async function main() {
  const q = new URLSearchParams(location.search);
  const quick = q.get('quick') === '1';
  const backends = (q.get('backends') ?? 'webgpu,webgl,wasm,cpu').split(',') as SimJob['backend'][];
  const rows: Row[] = [];
  for (const backend of backends) {
    const slow = backend === 'webgpu' || backend === 'webgl';
    for (const { name, job } of benchJobs(quick)) {
      // Software WebGPU/WebGL (SwiftShader) are slow: fewer paper-style runs there, stated in the output.
      const runs =
        job.params.estimator === 'mc' && slow
          ? Math.min(job.params.runs, quick ? 20 : 200)
          : job.params.runs;
      const t = await timeJob({ ...job, params: { ...job.params, runs }, backend });
      rows.push({ backend: backend!, workload: name, runs, ...t });
      document.getElementById('out')!.textContent = JSON.stringify(rows, null, 1);
    }
  }
  (window as unknown as { __bench: Row[] }).__bench = rows;
}

main().catch((e) => {
  (window as unknown as { __benchError: string }).__benchError = String(e?.stack ?? e);
});
