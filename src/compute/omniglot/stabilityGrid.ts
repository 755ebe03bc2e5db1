/**
 * The Omniglot α–β grid (src/core/omniglot/stability.ts): each cell is `trainConv4` with SGD at
 * step β and α inside (exact second order), scored by `scoreConv4`'s loss on a fixed set of
 * meta-training tasks. Cells run one after another, row by row of α; each streams the grid so far.
 */
import { createRng } from '../../core/rng';
import { pacedCheckpoint, type JobContext, type JobRunner } from '../../core/jobs/context';
import type { OmniglotData } from '../../core/omniglot/format';
import { protocolSplit } from '../../core/omniglot/protocol';
import { sampleTask, type Episode } from '../../core/omniglot/tasks';
import {
  cellSetting,
  emptyOgGrid,
  isDiverged,
  ogStabilityFindings,
  type OgStabilityCell,
  type OgStabilityJob,
  type OgStabilityProgress,
  type OgStabilityResult,
} from '../../core/omniglot/stability';
import { scoreConv4 } from './score';
import { initialConv4, trainConv4, type TrainedConv4 } from './train';

/** Seed and stream of the grid's evaluation tasks: fixed, so every seed and cell scores the same. */
const GRID_EVAL_SEED = 2020;
const GRID_EVAL_STREAM = 0x0e7b1;

/** The fixed evaluation set: `n` 5-way 1-shot tasks of the meta-training classes. */
export function gridEvalTasks(data: OmniglotData, n: number, queries: number): Episode[] {
  const rng = createRng(GRID_EVAL_SEED, GRID_EVAL_STREAM);
  const classes = protocolSplit(data.index).metaTrain;
  return Array.from({ length: n }, () =>
    sampleTask(data.index, classes, { way: 5, shot: 1, queries }, rng),
  );
}

const mean = (x: readonly number[]) => x.reduce((a, b) => a + b, 0) / x.length;

/** Mean query cross-entropy over `tasks` after `steps` inner steps at rate α. */
async function evalLoss(
  model: TrainedConv4,
  data: OmniglotData,
  tasks: readonly Episode[],
  alpha: number,
  steps: number,
  checkpoint: (now?: boolean) => Promise<void>,
): Promise<number> {
  const [loss] = await scoreConv4(
    model,
    data,
    tasks,
    { steps: [steps], alpha, adapt: 'all', metric: 'loss' },
    checkpoint,
  );
  return mean(loss);
}

/** Runs one cell: training for the job's iterations (or to a non-finite loss), then its score. */
export async function runGridCell(
  job: OgStabilityJob,
  alpha: number,
  beta: number,
  data: OmniglotData,
  tasks: readonly Episode[],
  ctx: Pick<JobContext<unknown>, 'checkpoint'>,
  onIteration: (done: number) => void = () => {},
): Promise<Omit<OgStabilityCell, 'i' | 'j'>> {
  const s = cellSetting(job, alpha, beta);
  const model = await trainConv4(
    s,
    { adapt: 'all', alphaT: alpha, stopIfNonFinite: true },
    data,
    ctx,
    (_, done) => onIteration(done),
  );
  const last = model.curve[model.curve.length - 1]?.loss ?? NaN;
  const trained = model.curve.length;
  // a training stopped at a non-finite loss has non-finite parameters: diverged without scoring
  const ev =
    trained < s.iterations
      ? NaN
      : await evalLoss(model, data, tasks, alpha, s.trainSteps, pacedCheckpoint(ctx));
  const diverged = isDiverged(ev, job.divergeAbove);
  return {
    loss: diverged ? null : ev,
    diverged,
    lastBatchLoss: Number.isFinite(last) ? last : null,
    iterations: trained,
  };
}

export const ogStabilityRunner =
  (
    load: () => Promise<OmniglotData>,
  ): JobRunner<OgStabilityJob, OgStabilityProgress, OgStabilityResult> =>
  async (job, ctx) => {
    const t0 = performance.now();
    const data = await load();
    const s = job.setting;
    const tasks = gridEvalTasks(data, job.evalTasks, s.queries);
    const grid = emptyOgGrid(job);
    const cells: OgStabilityCell[] = [];
    const checkpoint = pacedCheckpoint(ctx);
    const snapshot = (): OgStabilityProgress['grid'] => ({
      ...grid,
      loss: grid.loss.map((r) => r.slice()),
      diverged: grid.diverged.map((r) => r.slice()),
      initialLoss: grid.initialLoss.slice(),
    });
    // the common starting point, scored at each α (what "diverged" is measured against on the page)
    const theta0 = initialConv4(s);
    for (const [i, alpha] of job.alpha.entries()) {
      const l0 = await evalLoss(theta0, data, tasks, alpha, s.trainSteps, checkpoint);
      grid.initialLoss[i] = Number.isFinite(l0) ? l0 : null;
      for (const [j, beta] of job.beta.entries()) {
        const cell = await runGridCell(job, alpha, beta, data, tasks, ctx, (iteration) =>
          ctx.progress({ grid: snapshot(), cells: cells.length, iteration }),
        );
        cells.push({ i, j, ...cell });
        grid.loss[i][j] = cell.loss;
        grid.diverged[i][j] = cell.diverged;
        ctx.progress({ grid: snapshot(), cells: cells.length, iteration: 0 });
        await ctx.checkpoint();
      }
    }
    return {
      job,
      grid,
      cells,
      findings: ogStabilityFindings(grid),
      seconds: (performance.now() - t0) / 1000,
    };
  };
