/** The Meta-SGD-on-an-MLP job's contract (runner: src/compute/metaSgd/metaSgdMlpJob.ts). */
import type { LayerRateStats } from './rateStatistics';

export interface MetaSgdProgress {
  iteration: number;
  /** Meta-training loss, mean over the last chunk. */
  loss: number;
  rateStats: LayerRateStats[];
}

export interface MetaSgdMlpJob {
  task: 'sinusoid' | 'quadratic';
  /** Adam step size of the meta-training. */
  outerLr: number;
  iterations: number;
  alphaInit: number;
  firstOrder: boolean;
  /** Hidden width for the quadratic task (the sinusoid net is 1-40-40-1). */
  width: number;
  /** Also train MAML with the fixed rate alphaInit, for comparison. */
  withMaml: boolean;
  testTasks: number;
  seed: number;
}

export interface MetaSgdMlpResult {
  task: MetaSgdMlpJob['task'];
  sizes: number[];
  rateStats: LayerRateStats[];
  lossCurve: { iteration: number; loss: number }[];
  metaTestLoss: { metaSgd: number; maml: number | null };
}
