/**
 * `npm run bench:heatmap [-- --cells 20 --iters 500 --tasks 100 --threads N --no-pytorch]`
 * The two-learning-rates paper's Fig. 4a workload (§5.2): a cells × cells α–β grid of 1-40-40-1
 * MLPs, 100 tasks per meta-batch of 10 + 10 points, 500 iterations, exact second-order MAML, on the
 * page's engine (the wasm MAML kernel on worker threads). Prints the time, the GFLOP/s against the
 * FLOP count of the cell-iterations actually run (diverged cells stop), and, when PyTorch is
 * installed, PyTorch's time for the same cell-iterations (scripts/pytorch/sinusoid_grid.py, with
 * as many threads), measured on a slice of stable cells in this run and scaled to the grid's count.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { directContext } from '../src/core/jobs/context';
import { sinusoidGridRunnerOn } from '../src/compute/stability/sinusoidGrid';
import { nodeShardPool } from '../src/compute/shards/nodeShardPool';
import { inThreadPool } from '../src/compute/shards/shardPool';
import { sinusoidJobFromParams } from '../src/core/stability/sinusoidJob';
import { STABILITY_PRESETS } from '../src/core/stability/presets';
import { parseLink } from '../src/core/params';
import { mamlEvalTaskFlops, mamlTaskFlops } from '../src/core/nn/mamlFlops';
import type { SinusoidGridJob, SinusoidGridResult } from '../src/core/stability/sinusoidTypes';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export const PYTHON = '/usr/bin/python3';

/** Whether Debian's PyTorch is importable (the comparator is optional). */
export function havePytorch(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** Cell-iterations a grid run trained: each cell up to its last report before divergence. */
function cellIterations(r: SinusoidGridResult): number {
  let n = 0;
  for (const curve of r.curves.flat()) {
    let last = 0;
    curve.forEach((v, i) => {
      if (v !== null) last = r.curveIterations[i];
    });
    n += last;
  }
  return n;
}

/** Evaluation FLOPs: every live cell at every report. */
function evalFlops(job: SinusoidGridJob, r: SinusoidGridResult): number {
  const live = r.curves.flat().reduce((s, c) => s + c.filter((v) => v !== null).length, 0);
  return live * job.evalTasks * mamlEvalTaskFlops(job.sizes, job.points, job.evalPoints);
}

async function timeGrid(job: SinusoidGridJob, threads: number) {
  const pool = threads > 1 ? nodeShardPool(threads) : inThreadPool(1);
  const t0 = performance.now();
  let last = t0;
  const r = await sinusoidGridRunnerOn(pool)(
    job,
    directContext((p) => {
      if (performance.now() - last < 10000) return;
      last = performance.now();
      const live = p.diverged.flat().filter((d) => !d).length;
      process.stderr.write(`  iteration ${p.iteration}/${p.iterations}, ${live} cells training\n`);
    }),
  );
  return { r, seconds: (performance.now() - t0) / 1000 };
}

export async function benchSinusoidGrid() {
  const preset = STABILITY_PRESETS.find((p) => p.id === 'fig4a')!;
  const params = parseLink(preset.query).params;
  const cells = Number(arg('cells', String(params.stAlphaCells)));
  const job: SinusoidGridJob = {
    ...sinusoidJobFromParams({ ...params, stAlphaCells: cells, stBetaCells: cells }),
    iterations: Number(arg('iters', String(params.stIters))),
    tasks: Number(arg('tasks', String(params.stTasks))),
  };
  const threads = Number(arg('threads', String(availableParallelism())));
  const secondOrder = job.variant === 'second-order';
  const stepFlops = job.tasks * mamlTaskFlops(job.sizes, job.points, job.points, secondOrder);
  process.stderr.write(
    `Fig. 4a grid ${cells}×${cells}, ${job.iterations} iterations, ${job.tasks} tasks, ${threads} threads…\n`,
  );
  const { r, seconds } = await timeGrid(job, threads);
  const cellIts = cellIterations(r);
  const flops = cellIts * stepFlops + evalFlops(job, r);
  const out: Record<string, unknown> = {
    bench: 'Fig. 4a sinusoid grid (paper setting)',
    engine: r.engine,
    grid: `${cells} x ${cells}`,
    iterations: job.iterations,
    tasksPerMetaBatch: job.tasks,
    variant: job.variant,
    seconds: +seconds.toFixed(1),
    cellIterations: cellIts,
    divergedCells: r.diverged.flat().filter(Boolean).length,
    gflop: +(flops / 1e9).toFixed(1),
    gflopPerSecond: +(flops / seconds / 1e9).toFixed(2),
    loadAverage1min: +loadavg()[0].toFixed(2),
  };
  if (!process.argv.includes('--no-pytorch') && havePytorch()) {
    // The same work on a slice: stable cells (α = β = 0.01) that train every iteration.
    const slice = { cells: 2 * threads, iterations: 150 };
    const sliceJob: SinusoidGridJob = {
      ...job,
      alpha: [0.01],
      beta: Array(slice.cells).fill(0.01),
      iterations: slice.iterations,
      reportEvery: slice.iterations,
    };
    const ours = await timeGrid(sliceJob, threads);
    const torchRun = (torchThreads: number) => {
      const py = spawnSync(
        PYTHON,
        [
          'scripts/pytorch/sinusoid_grid.py',
          ...['--cells', String(slice.cells), '--iterations', String(slice.iterations)],
          ...['--tasks', String(job.tasks), '--points', String(job.points)],
          ...['--width', String(job.sizes[1]), '--threads', String(torchThreads)],
          ...(secondOrder ? [] : ['--first-order']),
        ],
        { encoding: 'utf8' },
      );
      if (py.status !== 0) throw new Error(`PyTorch comparator failed: ${py.stderr}`);
      return JSON.parse(py.stdout.trim().split('\n').pop()!);
    };
    const sliceCellIts = slice.cells * slice.iterations;
    const oursMs = (ours.seconds * 1000) / sliceCellIts;
    const same = torchRun(threads);
    const one = threads === 1 ? same : torchRun(1);
    const ms = (t: { seconds: number }) => (t.seconds * 1000) / sliceCellIts;
    Object.assign(out, {
      pytorch: {
        version: same.torch,
        slice: `${slice.cells} stable cells × ${slice.iterations} iterations, same run`,
        oursMsPerCellIteration: +oursMs.toFixed(3),
        [`msPerCellIteration${threads}Threads`]: +ms(same).toFixed(3),
        msPerCellIteration1Thread: +ms(one).toFixed(3),
        gridSecondsExtrapolated: +((ms(same) * cellIts) / 1000).toFixed(1),
        ratioPytorchOverOurs: +(ms(same) / oursMs).toFixed(2),
      },
    });
  } else out.pytorch = 'not run (install python3-torch libopenblas0-serial, or drop --no-pytorch)';
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSinusoidGrid(), null, 2));
  process.exit(0);
}
