/** The learned-αt job's contract (runner: src/compute/metaSgd/learnedRatesJob.ts). */
import type { TrajectoryKind, TrajectoryPoint } from './learnedRateTrajectories';
import type { LinearSetting } from './linearTasks';
import type { SimulatedOptimum } from './simulatedOptimum';
import type { LayerRateStats } from './rateStatistics';

export interface LearnedRatesJob {
  setting: LinearSetting;
  alphaInit: number;
  /** Outer lr of ω and α in fresh-task Meta-SGD (scalar α). */
  freshOuterLr: number;
  freshSteps: number;
  firstOrder: boolean;
  /** Also run per-parameter rates (histograms). */
  perParameter: boolean;
  /** Meta-training draws of the simulated optimum (0 = skip it). */
  optimumDraws: number;
  seed: number;
}

export interface TrajectorySummary {
  kind: TrajectoryKind;
  perParameter: boolean;
  points: TrajectoryPoint[];
  /** Tail average of α (mean over parameters), with a batch-means standard error. */
  final: { mean: number; stderr: number };
  /** Learned rates at the end (length 1 or p). */
  alpha: number[];
}

export interface LearnedRatesProgress {
  trajectories: TrajectorySummary[];
}

export interface LearnedRatesResult {
  trajectories: TrajectorySummary[];
  /** Histograms of the per-parameter rates, one entry per kind (shared bin edges). */
  perParameterStats: LayerRateStats[];
  simulatedOptimum: SimulatedOptimum | null;
  references: {
    /** Eq. 8 (theory.md §1): global minimum of Theorem 1 in α_t (valid for p > n_v m). */
    eq8AlphaTMinus: number | null;
    /** argmin of the adaptation loss on n_t points at ω = w0 (theory.md §1 optimal α_r, K = ν²). */
    bestAdaptationRate: number;
  };
}
