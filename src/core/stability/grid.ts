/** Axes of an α × β grid, and the grid result shared by every setting of the stability view. */

export type AxisScale = 'linear' | 'log';

/**
 * n values from lo to hi (both included), evenly spaced on a linear or log scale. A log axis needs
 * lo, hi > 0; otherwise (e.g. a range through negative α) the axis falls back to linear.
 */
export function gridAxis(range: readonly [number, number], n: number, scale: AxisScale): number[] {
  const [lo, hi] = range;
  const count = Math.max(1, Math.round(n));
  if (count === 1) return [lo];
  const log = scale === 'log' && lo > 0 && hi > 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    out.push(log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
  }
  out[0] = lo; // exact end points despite rounding
  out[count - 1] = hi;
  return out;
}

/** The scale actually used for an axis (log falls back to linear on non-positive ranges). */
export function effectiveScale(range: readonly [number, number], scale: AxisScale): AxisScale {
  return scale === 'log' && range[0] > 0 && range[1] > 0 ? 'log' : 'linear';
}

/** loss[i][j] and diverged[i][j] belong to alpha[i], beta[j]. */
export interface StabilityGrid {
  alpha: number[];
  beta: number[];
  /** Final loss; null where the run diverged (non-finite or above its starting value). */
  loss: (number | null)[][];
  diverged: boolean[][];
}

/** The α × β grid every setting shares: ranges, cell counts, axis scales, iterations. */
export interface GridOptions {
  alphaRange: readonly [number, number];
  betaRange: readonly [number, number];
  alphaCells: number;
  betaCells: number;
  alphaScale: AxisScale;
  betaScale: AxisScale;
  iterations: number;
}

/**
 * Runs every cell of the grid. `rowRunner(α)` returns the run of one cell at β, so a setting can
 * precompute what depends on α only once per row.
 */
export function fillGrid(o: GridOptions, rowRunner: RowRunner): StabilityGrid {
  return drain(gridRows(o, rowRunner));
}

export type RowRunner = (alpha: number) => (beta: number) => { loss: number; diverged: boolean };

/** Progress of a grid filled row by row. */
export interface GridRowsDone {
  rowsDone: number;
  rows: number;
}

/** fillGrid one row at a time: yields after each row, so a worker can check for cancel and report. */
export function* gridRows(
  o: GridOptions,
  rowRunner: RowRunner,
): Generator<GridRowsDone, StabilityGrid, void> {
  const alpha = gridAxis(o.alphaRange, o.alphaCells, o.alphaScale);
  const beta = gridAxis(o.betaRange, o.betaCells, o.betaScale);
  const loss: (number | null)[][] = [];
  const diverged: boolean[][] = [];
  for (const a of alpha) {
    const run = rowRunner(a);
    const row = beta.map((b) => run(b));
    loss.push(row.map((r) => (r.diverged ? null : r.loss)));
    diverged.push(row.map((r) => r.diverged));
    yield { rowsDone: loss.length, rows: alpha.length };
  }
  return { alpha, beta, loss, diverged };
}

/** Runs a generator to its end synchronously and returns what it returns. */
export function drain<R>(g: Generator<unknown, R, void>): R {
  for (;;) {
    const step = g.next();
    if (step.done) return step.value;
  }
}

/**
 * A run has diverged once its loss is non-finite or exceeds its starting value (issue 4): a
 * converging quadratic GD never increases the loss, so this flags exactly the unstable cells
 * up to a thin band near the boundary where growth is too slow to show in the iteration count.
 */
export function isDiverged(loss: number, startLoss: number): boolean {
  return !Number.isFinite(loss) || loss > startLoss;
}

/**
 * Quadratic GD only (linear and mixed regression): once the loss exceeds TWICE its start, the run
 * can never end below its start, so the grid may stop iterating it. Why: the loss is a sum of
 * non-negative eigen-components, each multiplied by f_i² per step; those with |f_i| ≤ 1 never grow,
 * so they total at most the start; the rest therefore exceed the start and only grow further.
 */
export function settledDiverged(loss: number, startLoss: number): boolean {
  return loss > 2 * startLoss;
}
