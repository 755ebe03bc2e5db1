import type { Notice, Params } from '../core/params';
import type { Fig5Progress } from '../core/fig5/types';

/** Loads a tfjs backend in Node for the views whose computations train networks (on demand). */
export async function useNodeBackend(backend: 'wasm' | 'cpu') {
  await (await import('../compute/backend/node')).useNodeBackend(backend);
}

/** Progress of long runs on stderr, at most every few seconds. */
export function progressLogger(label: string) {
  let last = performance.now();
  return (what: string) => {
    if (performance.now() - last < 5000) return;
    last = performance.now();
    process.stderr.write(`${label}: ${what}…\n`);
  };
}

/** `view=stability`: the grid, the Hessian eigenvalues and the closed-form boundaries (issue 4). */
export async function stabilityCliReport(params: Params, notices: Notice[]) {
  const { stabilityReport } = await import('../compute/reports/stabilityReport');
  const log = progressLogger('stability');
  const report = await stabilityReport(params, {
    onProgress: (p) => {
      const live = p.diverged.flat().filter((d) => !d).length;
      log(`iteration ${p.iteration}/${p.iterations}, ${live} cells training`);
    },
  });
  return { config: params, notices, ...report };
}

/** `view=nonlinear`: Fig. 5 sweep, learned rates, Meta-SGD statistics, feature-reuse probe (issue 5). */
export async function nonlinearCliReport(
  params: Params,
  notices: Notice[],
  backend: 'wasm' | 'cpu',
  sections: string[] | null,
) {
  const { NONLINEAR_SECTIONS, nonlinearReport } =
    await import('../compute/reports/nonlinearReport');
  const { OMNIGLOT_TRAINING_SECTIONS } = await import('../core/nonlinear/reportShape');
  // No --sections: the link's Omniglot experiment alone when it names one (ogExperiment), else
  // every section but the Omniglot trainings (minutes to hours: asked for by name).
  const experiment =
    params.ogExperiment === 'innerLoop'
      ? 'omniglotInnerLoop'
      : params.ogExperiment === 'rates'
        ? 'omniglotRates'
        : params.ogExperiment === 'metaSgd'
          ? 'omniglotMetaSgd'
          : params.ogExperiment === 'stability'
            ? 'omniglotStability'
            : params.ogExperiment === 'probe'
              ? 'omniglotProbe'
              : null;
  const chosen = NONLINEAR_SECTIONS.filter((s) =>
    sections
      ? sections.includes(s)
      : experiment
        ? s === experiment
        : !OMNIGLOT_TRAINING_SECTIONS.includes(s),
  );
  for (const s of sections ?? [])
    if (!NONLINEAR_SECTIONS.includes(s as never))
      process.stderr.write(`notice: --sections: unknown section ${s} ignored\n`);
  await useNodeBackend(backend);
  const log = progressLogger('nonlinear');
  const { runFig5SweepSharded } = await import('../compute/fig5/nodeShards');
  const { nodeShardPool } = await import('../compute/shards/nodeShardPool');
  const t0 = performance.now();
  const fig5Log = progressLogger('fig5');
  const report = await nonlinearReport(
    params,
    chosen,
    (section, partial) => {
      const elapsed = (performance.now() - t0) / 1000;
      if (section === 'fig5') {
        const p = partial as Fig5Progress;
        const eta = p.done > 0 ? (elapsed * (p.total - p.done)) / p.done : NaN;
        return fig5Log(
          `${((100 * p.done) / p.total).toFixed(1)} %, networks ${p.modelsDone}/${p.models}, ` +
            `${elapsed.toFixed(0)} s elapsed, ETA ${Number.isFinite(eta) ? eta.toFixed(0) + ' s' : '?'} ` +
            `(${p.shards} worker threads, wasm MAML kernel)`,
        );
      }
      // The Omniglot α–β grid: cells done, the cell in training.
      const g = partial as {
        cells?: number;
        iteration?: number;
        grid?: { alpha: number[]; beta: number[] };
      };
      if (section === 'omniglotStability' && g?.grid) {
        const n = g.grid.alpha.length * g.grid.beta.length;
        return log(
          `${section}: cell ${Math.min(n, (g.cells ?? 0) + 1)}/${n}, iteration ${g.iteration}, ` +
            `${elapsed.toFixed(0)} s so far`,
        );
      }
      // Omniglot trainings: which arm, which stage, how far.
      const p = partial as {
        label?: string;
        stage?: string;
        done?: number;
        total?: number;
        parts?: number;
        part?: number;
      };
      if (p && p.label !== undefined)
        log(
          `${section}: ${p.label} (${(p.part ?? 0) + 1}/${p.parts}) ${p.stage} ${p.done}/${p.total}, ` +
            `${elapsed.toFixed(0)} s so far`,
        );
      else log(section);
    },
    {
      // One worker thread per core, each its own wasm MAML kernel: the networks are independent.
      fig5Runner: (job, ctx) => runFig5SweepSharded(job, ctx),
      // The Conv4 kernel's second group of tasks on a worker thread (same numbers as one thread).
      threads: nodeShardPool(),
    },
  );
  return { config: params, notices, ...report };
}
