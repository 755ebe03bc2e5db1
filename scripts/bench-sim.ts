/**
 * `npm run bench:sim`: time of the simulation engine per backend on the paper's workloads.
 *   1. Fig. 2b, exact estimator: 21 αt values × 1000 runs, p = 60 (a straightforward NumPy version
 *      takes 1.2 s on a 2-core machine; target ≤ 0.1 s on wasm);
 *   2. the same sweep with the paper-style estimator (100 test tasks × 50 points per run; NumPy 81 s,
 *      target ≤ 8 s on wasm).
 * Node backends: cpu (plain Float64 JS) and wasm (tfjs).
 * `--quick` runs 100 instead of 1000 runs for the paper-style workload.
 */
import { runSimulationInNode } from '../src/compute/node';
import type { SimJob, SimParams } from '../src/core/sim/types';

const fig2: SimParams = {
  nt: 30,
  nv: 2,
  nr: 20,
  m: 3,
  p: 60,
  sigma: 1,
  nu: 0.5,
  w0: 0,
  omega0: 0,
  cov: 'iso',
  sx: [0.25, 1.75],
  sw: [1.75, 0.25],
  seed: 1,
  alphaT: 0.2,
  alphaR: 0.2,
  runs: 1000,
  estimator: 'exact',
  testTasks: 100,
  testPoints: 50,
};
/** The 21 αt values of Fig. 2b, from −2 to 2. */
export const FIG2B_ALPHA_T = Array.from({ length: 21 }, (_, i) => -2 + 0.2 * i);

export function benchJobs(quick: boolean): { name: string; job: SimJob }[] {
  return [
    {
      name: 'Fig. 2b exact (21 αt × 1000 runs)',
      job: { params: fig2, sweepAlphaT: FIG2B_ALPHA_T, sweepAlphaR: [] },
    },
    {
      name: `Fig. 2b paper-style (21 αt × ${quick ? 100 : 1000} runs × 100 tasks × 50 points)`,
      job: {
        params: { ...fig2, estimator: 'mc', runs: quick ? 100 : 1000 },
        sweepAlphaT: FIG2B_ALPHA_T,
        sweepAlphaR: [],
      },
    },
  ];
}

async function main() {
  const quick = process.argv.includes('--quick');
  console.log(`simulation bench (Node ${process.version}, ${new Date().toISOString()})`);
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const { name, job } of benchJobs(quick)) {
      await runSimulationInNode({ ...job, params: { ...job.params, runs: 20 } }, { backend }); // warm-up
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runSimulationInNode(job, { backend });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      console.log(
        `${backend.padEnd(5)} ${name}: ${(wall / 1000).toFixed(3)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s CPU` +
          ` (backend used: ${r.backend}; L(αt=0) = ${r.alphaT[10].mean.toFixed(4)} ± ${r.alphaT[10].stderr.toFixed(4)})`,
      );
    }
  }
}

void main();
