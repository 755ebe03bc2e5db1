import type { Notice, Params } from '../core/params';

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
  const chosen = NONLINEAR_SECTIONS.filter((s) => !sections || sections.includes(s));
  for (const s of sections ?? [])
    if (!NONLINEAR_SECTIONS.includes(s as never))
      process.stderr.write(`notice: --sections: unknown section ${s} ignored\n`);
  await useNodeBackend(backend);
  const log = progressLogger('nonlinear');
  const report = await nonlinearReport(params, chosen, (section) => log(section));
  return { config: params, notices, ...report };
}
