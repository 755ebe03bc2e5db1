/**
 * What the stability view shows for a parameter set, as plain data: the α × β grid, the closed-form
 * overlays and (linear regression) the Hessian eigenvalues. The page draws it and the CLI prints it
 * (`npm run repro -- '<stability link>'`). Pure: the sinusoid grid needs tfjs and is added by
 * src/compute/stability/report.ts.
 */
import type { Params } from '../params';
import { alphaCritical, betaCriticalForEigenvalue, type MamlVariant } from './boundaries';
import { effectiveScale, gridAxis, type AxisScale, type StabilityGrid } from './grid';
import { linearStabilityGridRows, linearTask, runLinearMaml } from './linearRegression';
import { mixedBetaCritical, mixedProblem, mixedStabilityGridRows, runMixedGd } from './mixedLinear';
import { drain, type GridRowsDone } from './grid';
import type { JobRunner } from '../jobs/context';

export type StabilitySetting = 'linear' | 'sinusoid' | 'mixed';

/** A β_c(α) curve (null where no β bound applies or none is stable: see boundaries.ts). */
export interface BoundaryCurve {
  label: string;
  /** Eigenvalue the curve belongs to (linear regression), absent for the mixed setting's 2/λ_max. */
  lambda?: number;
  alpha: number[];
  beta: (number | null)[];
}

export interface StabilityBoundaries {
  /** α_c = 1/λ_max (Eq. 11), linear regression only. */
  alphaCritical: number | null;
  /** β_c(0) = 2/λ_max: plain GD's bound, the paper's dashed line. */
  betaCriticalAtAlphaZero: number | null;
  curves: BoundaryCurve[];
}

export interface StabilityReport {
  setting: StabilitySetting;
  variant: MamlVariant;
  iterations: number;
  axes: { alpha: AxisScale; beta: AxisScale };
  grid: StabilityGrid;
  /** Hessian eigenvalues of the linear-regression loss (ascending); null in other settings. */
  hessianEigenvalues: number[] | null;
  boundaries: StabilityBoundaries;
  /** Linear regression: the drawn task y = a·x + b. */
  task?: { a: number; b: number; points: number };
}

const OVERLAY_POINTS = 241;
const finiteOrNull = (x: number) => (Number.isFinite(x) && x > 0 ? x : null);

function gridOptions(p: Params) {
  return {
    alphaRange: p.stAlpha,
    betaRange: p.stBeta,
    alphaCells: p.stAlphaCells,
    betaCells: p.stBetaCells,
    alphaScale: p.stAlphaAxis,
    betaScale: p.stBetaAxis,
    iterations: p.stIters,
  };
}

const mixedOptions = (p: Params) => ({
  p: p.p,
  m: p.m,
  nt: p.nt,
  nv: p.nv,
  sigma: p.sigma,
  nu: p.nu,
  w0: p.w0,
  omega0: p.omega0,
  seed: p.stSeed,
});

/** The overlays alone (cheap: the page redraws them on every input). */
export function stabilityBoundaries(p: Params): StabilityBoundaries {
  const alphas = gridAxis(p.stAlpha, OVERLAY_POINTS, p.stAlphaAxis);
  if (p.stTask === 'linear') {
    const lambdas = linearTask({ points: p.stPoints, seed: p.stSeed, half: p.stHalf }).eigenvalues;
    const curves = lambdas.map((l, i) => ({
      label: `β_c for λ${i + 1} = ${l.toPrecision(4)}`,
      lambda: l,
      alpha: alphas,
      beta: alphas.map((a) => finiteOrNull(betaCriticalForEigenvalue(a, l, p.stOrder))),
    }));
    const lmax = lambdas[lambdas.length - 1];
    return {
      alphaCritical: alphaCritical(lambdas),
      betaCriticalAtAlphaZero: 2 / lmax,
      curves,
    };
  }
  if (p.stTask === 'mixed') {
    const problem = mixedProblem(mixedOptions(p));
    return {
      alphaCritical: null,
      betaCriticalAtAlphaZero: mixedBetaCritical(problem, 0),
      curves: [
        {
          label: 'β_c = 2/λ_max(αt)',
          alpha: alphas,
          beta: alphas.map((a) => finiteOrNull(mixedBetaCritical(problem, a))),
        },
      ],
    };
  }
  return { alphaCritical: null, betaCriticalAtAlphaZero: null, curves: [] };
}

/** The full report for the linear and mixed settings (Float64, synchronous: CLI and tests). */
export const pureStabilityReport = (p: Params): StabilityReport => drain(stabilityReportRows(p));

/**
 * The page's job (in the light worker): the same report row by row, checking for cancel and
 * reporting progress between rows, so even a 200 × 200 × 20 000 grid never blocks a thread for long.
 */
export const stabilityReportRunner: JobRunner<Params, GridRowsDone, StabilityReport> = async (
  p,
  ctx,
) => {
  const rows = stabilityReportRows(p);
  let last = 0;
  for (;;) {
    const step = rows.next();
    if (step.done) return step.value;
    // Yield to cancel / pause messages about every 30 ms, not after every cheap row.
    if (performance.now() - last > 30) {
      ctx.progress(step.value);
      await ctx.checkpoint();
      last = performance.now();
    }
  }
};

function* stabilityReportRows(p: Params): Generator<GridRowsDone, StabilityReport, void> {
  if (p.stTask === 'sinusoid') throw new Error('the sinusoid grid needs tfjs: compute/stability');
  const axes = {
    alpha: effectiveScale(p.stAlpha, p.stAlphaAxis),
    beta: effectiveScale(p.stBeta, p.stBetaAxis),
  };
  const base = { variant: p.stOrder, iterations: p.stIters, axes };
  if (p.stTask === 'linear') {
    const { task, ...grid } = yield* linearStabilityGridRows({
      ...gridOptions(p),
      points: p.stPoints,
      seed: p.stSeed,
      half: p.stHalf,
      variant: p.stOrder,
    });
    return {
      setting: 'linear',
      ...base,
      grid,
      hessianEigenvalues: [...task.eigenvalues],
      boundaries: stabilityBoundaries(p),
      task: { a: task.a, b: task.b, points: task.x.length },
    };
  }
  const { problem, ...grid } = yield* mixedStabilityGridRows({
    ...gridOptions(p),
    ...mixedOptions(p),
  });
  void problem;
  // The mixed setting is exact MAML by construction (differentiated through the inner step).
  return {
    setting: 'mixed',
    ...base,
    variant: 'second-order',
    grid,
    hessianEigenvalues: null,
    boundaries: stabilityBoundaries(p),
  };
}

/** Loss after every iteration for one cell (clicking a cell in the page). */
export function cellTrainingCurve(p: Params, alpha: number, beta: number): number[] {
  if (p.stTask === 'linear') {
    const task = linearTask({ points: p.stPoints, seed: p.stSeed, half: p.stHalf });
    const r = runLinearMaml(task, {
      alpha,
      beta,
      iterations: p.stIters,
      variant: p.stOrder,
      history: true,
    });
    return r.history ?? [];
  }
  if (p.stTask === 'mixed') {
    return runMixedGd(mixedProblem(mixedOptions(p)), alpha, beta, p.stIters, true).history ?? [];
  }
  return [];
}
