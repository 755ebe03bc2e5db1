import type { TheoryReport } from '../core/theoryReport';
import { simJobOf } from '../core/sim/job';
import { scaledKeys, scaleUpJob } from '../core/sim/scaleUp';

/**
 * Adds the simulation to a theory report, computed in Node with the page's engine: `current.sim`
 * and `simMean` / `simStderr` beside `theory` in both curves (same x values).
 */
export async function withSimulation(report: TheoryReport) {
  const { simulateForCli } = await import('../compute/sim/node');
  const { config } = report;
  const backend = config.backend === 'cpu' ? 'cpu' : 'wasm';
  if (config.backend !== 'auto' && config.backend !== backend)
    process.stderr.write(
      `notice: backend: ${config.backend} is not available in Node; using ${backend}\n`,
    );
  const job = simJobOf(config, report.curves.alphaT.x, report.curves.alphaR.x);
  const sim = await simulateForCli(job, { backend });
  return {
    ...report,
    current: {
      ...report.current,
      sim: { ...sim.current, backend: sim.backend },
    },
    curves: {
      alphaT: { ...report.curves.alphaT, ...sim.alphaT },
      alphaR: { ...report.curves.alphaR, ...sim.alphaR },
    },
  };
}

/**
 * Adds the scale-up experiment to a theory report: the gap to the theory at ×1, ×2, ×4, ×8 along
 * the theorem's limit (`scaleUp.along` names the sizes that grow), as the page's Scale up panel.
 */
export async function withScaleUp<R extends TheoryReport>(report: R) {
  const { scaleUpForCli } = await import('../compute/sim/node');
  const { config } = report;
  const backend = config.backend === 'cpu' ? 'cpu' : 'wasm';
  const last = { t: performance.now() };
  const r = await scaleUpForCli(scaleUpJob(config), {
    backend,
    onProgress: (p) => {
      if (performance.now() - last.t < 5000) return;
      last.t = performance.now();
      process.stderr.write(`scale-up: ×${p.scale} ${p.runsDone}/${p.runsPerScale} runs…\n`);
    },
  });
  return {
    ...report,
    scaleUp: { along: scaledKeys(config), runsPerScale: r.runsPerScale, points: r.points },
  };
}
