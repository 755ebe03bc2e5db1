import type { SimPartial } from '../../core/sim/types';
import { SWEEP_ALPHA_R, SWEEP_ALPHA_T } from '../../core/simJob';
import type { TheoryReport } from '../../core/theoryReport';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * The theory view's export, in the CLI's schema (`npm run repro -- --sim`): the theory report,
 * `current.sim` as the CLI writes it, and the simulated points. The page simulates on its own
 * sweep (not at every theory x), so they are the extra curves `alphaTSim` / `alphaRSim`.
 */
export function theoryExport(report: TheoryReport, sim: SimPartial | null) {
  if (!sim) return report;
  const curve = (x: number[], s: SimPartial['alphaT']) => ({
    x,
    simMean: s.map((p) => finite(p.mean)),
    simStderr: s.map((p) => finite(p.stderr)),
    runs: s.map((p) => p.n),
  });
  return {
    ...report,
    current: {
      ...report.current,
      sim: {
        mean: finite(sim.current.mean),
        stderr: finite(sim.current.stderr),
        runs: sim.current.n,
        illConditioned: sim.current.illConditioned,
        backend: sim.backend,
        runsDone: sim.runsDone,
        runsTotal: sim.runsTotal,
      },
    },
    curves: {
      ...report.curves,
      alphaTSim: curve(SWEEP_ALPHA_T, sim.alphaT),
      alphaRSim: curve(SWEEP_ALPHA_R, sim.alphaR),
    },
  };
}
