import type { Params } from '../../core/params';
import type { SimPartial } from '../../core/sim/types';
import { SWEEP_ALPHA_R, SWEEP_ALPHA_T } from '../../core/sim/job';
import { tracesAreSlow } from '../../core/theory';
import { computeTheoryReport, theorySettingOf, type TheoryReport } from '../../core/theoryReport';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function simPart(report: TheoryReport, sim: SimPartial) {
  const curve = (x: number[], s: SimPartial['alphaT']) => ({
    x,
    simMean: s.map((p) => finite(p.mean)),
    simStderr: s.map((p) => finite(p.stderr)),
    runs: s.map((p) => p.n),
  });
  return {
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
      alphaTSim: curve(SWEEP_ALPHA_T, sim.alphaT),
      alphaRSim: curve(SWEEP_ALPHA_R, sim.alphaR),
    },
  };
}

/**
 * The theory view's export, in the CLI's schema (`npm run repro -- --sim`): the theory report,
 * `current.sim` as the CLI writes it, and the simulated points. The page simulates on its own
 * sweep (not at every theory x), so they are the extra curves `alphaTSim` / `alphaRSim`. Pinned
 * comparisons add `pins` (label and link value) and their theory curves `pin1AlphaT`, ….
 */
export function theoryExport(
  report: TheoryReport,
  sim: SimPartial | null,
  pins: readonly { slot: string; label: string; params: Params }[] = [],
) {
  const s = sim ? simPart(report, sim) : null;
  const curves: Record<string, { x: number[] } & Record<string, unknown>> = {
    ...report.curves,
    ...s?.curves,
  };
  for (const pin of pins) {
    if (tracesAreSlow(theorySettingOf(pin.params))) continue;
    const r = computeTheoryReport(pin.params);
    curves[`${pin.slot}AlphaT`] = r.curves.alphaT;
    curves[`${pin.slot}AlphaR`] = r.curves.alphaR;
  }
  return {
    ...report,
    current: s?.current ?? report.current,
    curves,
    ...(pins.length
      ? {
          pins: pins.map((p) => ({
            slot: p.slot,
            label: p.label,
            link: report.config[p.slot as 'pin1'],
          })),
        }
      : {}),
  };
}
