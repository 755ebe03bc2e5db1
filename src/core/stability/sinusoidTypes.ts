/** The sinusoid α–β grid job's contract (runner: src/compute/stability/sinusoidGrid.ts). */
import type { MamlVariant } from './boundaries';

export interface SinusoidGridJob {
  alpha: number[];
  beta: number[];
  iterations: number;
  /** Tasks per meta-batch (T). */
  tasks: number;
  variant: MamlVariant;
  half: boolean;
  seed: number;
  /** Iterations between partial results (default 10). */
  reportEvery?: number;
  /** Layer sizes (the paper: [1, 40, 40, 1]). */
  sizes: number[];
  /** Support and query points per task (the paper: 10 each). */
  points: number;
  /** The fixed evaluation set every cell is scored on: tasks, and query points per task. */
  evalTasks: number;
  evalPoints: number;
}

export interface SinusoidGridPartial {
  iteration: number;
  iterations: number;
  /** Evaluation meta-loss per cell now; null once diverged. loss[i][j] ↔ alpha[i], beta[j]. */
  loss: (number | null)[][];
  diverged: boolean[][];
  /** What ran it (e.g. "wasm MAML kernel (relaxed-simd), 2 threads"). */
  engine?: string;
}

export interface SinusoidGridResult {
  alpha: number[];
  beta: number[];
  loss: (number | null)[][];
  diverged: boolean[][];
  variant: MamlVariant;
  /** Iterations at which the curves were sampled (0, reportEvery, …, iterations). */
  curveIterations: number[];
  /** curves[i][j][r]: evaluation loss of cell (i, j) at curveIterations[r] (null after divergence). */
  curves: (number | null)[][][];
  engine?: string;
  /** Wall-clock seconds of the run. */
  seconds?: number;
}
