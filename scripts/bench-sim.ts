/**
 * `npm run bench:sim`: time of the simulation engine per backend on the paper's workloads.
 *   1. Fig. 2b, exact estimator: 21 αt values × 1000 runs, p = 60 (a straightforward NumPy version
 *      takes 1.2 s on a 2-core machine; target ≤ 0.1 s on wasm);
 *   2. the same sweep with the paper-style estimator (100 test tasks × 50 points per run; NumPy 81 s,
 *      target ≤ 8 s on wasm).
 * Node backends: cpu (plain Float64 JS) and wasm (tfjs); the exact workload is timed 5 times (median). `--browser` also times the page's worker in
 * Debian Chromium (webgpu on SwiftShader, webgl, wasm, cpu): scripts/bench-sim-browser.ts.
 * `--webgpu` also times the WebGPU engine in Node on Dawn (scripts/nodeWebgpu.ts: how to install
 * it; on a GPU machine this is the ≤ 1 s target's measurement).
 * `--presets` also times every theory preset's page job (what a user waits for after a click).
 * `--quick` runs 100 instead of 1000 runs for the paper-style workload.
 */
import { runSimulationInNode } from '../src/compute/sim/node';
import { parseLink } from '../src/core/params';
import { THEORY_PRESETS } from '../src/core/presets';
import { simJobOf } from '../src/core/sim/job';
import { benchJobs } from './bench-sim-jobs';
import { installNodeWebGpu } from './nodeWebgpu';

async function main() {
  const quick = process.argv.includes('--quick');
  console.log(`simulation bench (Node ${process.version}, ${new Date().toISOString()})`);
  const backends: ('cpu' | 'wasm' | 'webgpu')[] = ['cpu', 'wasm'];
  if (process.argv.includes('--webgpu')) {
    const missing = await installNodeWebGpu();
    if (missing) console.log(`webgpu: skipped — ${missing}`);
    else backends.push('webgpu');
  }
  for (const backend of backends) {
    for (const { name, job } of benchJobs(quick)) {
      await runSimulationInNode({ ...job, params: { ...job.params, runs: 20 } }, { backend }); // warm-up
      // The exact workload takes a fraction of a second: report the median of 5 runs (JIT warm).
      const repeats = job.params.estimator === 'exact' ? 5 : 1;
      const times: { wall: number; cpu: number }[] = [];
      let r;
      for (let i = 0; i < repeats; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        r = await runSimulationInNode(job, { backend });
        const cpu = process.cpuUsage(c0);
        times.push({ wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 });
      }
      times.sort((a, b) => a.wall - b.wall);
      const med = times[Math.floor(repeats / 2)];
      const spread =
        repeats > 1 ? ` (median of ${repeats}; fastest ${times[0].wall.toFixed(3)} s)` : '';
      console.log(
        `${backend.padEnd(6)} ${name}: ${med.wall.toFixed(3)} s wall, ${med.cpu.toFixed(3)} s CPU${spread}` +
          ` (backend used: ${r!.backend}; L(αt=0) = ${r!.alphaT[10].mean.toFixed(4)} ± ${r!.alphaT[10].stderr.toFixed(4)})`,
      );
    }
  }
  if (process.argv.includes('--presets')) await benchPresets();
  if (process.argv.includes('--browser')) {
    const { benchInBrowser } = await import('./bench-sim-browser');
    await benchInBrowser(quick);
  }
}

/** What a user waits for: each theory preset's page job (current point and both sweeps), on wasm. */
async function benchPresets() {
  console.log('\ntheory presets as the page simulates them (exact estimator, wasm):');
  for (const preset of THEORY_PRESETS) {
    const job = simJobOf(parseLink(preset.query).params);
    const { p, m, nt, nv, cov, runs } = job.params;
    await runSimulationInNode({ ...job, params: { ...job.params, runs: 4 } }); // warm-up
    const t0 = performance.now();
    await runSimulationInNode(job);
    const s = (performance.now() - t0) / 1000;
    console.log(
      `${preset.id.padEnd(6)} p=${p} m=${m} nt=${nt} nv=${nv} ${cov}: ${s.toFixed(2)} s for ${runs} runs` +
        ` (${1 + job.sweepAlphaT.length + job.sweepAlphaR.length} points)`,
    );
  }
}

void main();
