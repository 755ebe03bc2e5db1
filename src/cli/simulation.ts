import type { TheoryReport } from '../core/theoryReport';
import { simJobOf } from '../core/sim/job';

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
