import type { Notice, Params } from '../../core/params';
import {
  nonlinearReportOf,
  runsBackend,
  type NonlinearRuns,
} from '../../core/nonlinear/reportShape';

/**
 * The nonlinear view's export in the CLI's schema (`repro` with view=nonlinear:
 * `{ config, notices, ...nonlinearReport }`) for the panels that have run: a panel still running,
 * paused or cancelled is marked `done: false`; one never run is absent, like a section the CLI was
 * not asked for.
 */
export function nonlinearExport(config: Params, notices: Notice[], runs: NonlinearRuns) {
  return { config, notices, ...nonlinearReportOf(config, runs, runsBackend(runs)) };
}
