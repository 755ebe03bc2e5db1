/** The Fig. 5 sweep's job, progress and result (the compute worker runs it: src/compute/fig5). */
import type { Fig5Setting } from './quadraticRegression';

/** Meta-training loss recorded during training (½ MSE on the query points after adaptation). */
export interface Fig5TrainCurve {
  /** Epochs at which the loss was recorded (0 = before training; the last is `epochs`). */
  epochs: number[];
  /** perAlpha[a][i]: mean over the runs of αt value a at epochs[i]. */
  perAlpha: number[][];
  /** Mean over every network of the sweep. */
  mean: number[];
}

export interface Fig5Progress {
  phase: 'train' | 'test';
  /** Networks trained and scored so far, of `models` (= αt values × runs). */
  modelsDone: number;
  models: number;
  /** Work done and total, in epochs of one network (scoring counted in equivalent epochs). */
  done: number;
  total: number;
  /** Epoch of the network(s) in training now (per shard, the most advanced). */
  epoch: number;
  epochs: number;
  /** Meta-training loss per α_t: mean over its runs' latest recorded losses (NaN: none yet). */
  trainLoss: number[];
  /** testLoss[a][r] of the networks scored so far (null: not yet). */
  perRun: (number | null)[][];
  /** Workers the sweep is split over. */
  shards: number;
}

export interface Fig5Result {
  alphas: number[];
  /** Test loss per α_t: mean over runs, and its standard error std(ddof = 1)/√runs. */
  meanTestLoss: number[];
  stderr: number[];
  /** testLoss[a][r]. */
  perRun: number[][];
  bestAlpha: number;
  /** Final meta-training loss per α_t, mean over runs. */
  finalTrainLoss: number[];
  /** Meta-training loss curves (mean over runs per α_t, and over all networks). */
  curve: Fig5TrainCurve;
  /** Epoch at which the mean meta-training curve flattened (core/stats/flattening.ts), or null. */
  flattenedAt: number | null;
  /** The tfjs backend of the job (in the page: the one the link's choice selected). */
  backend: string;
  /** What computed the networks: "wasm MAML kernel (relaxed-simd)", or the tfjs backend. */
  engine: string;
  /** Workers (threads) the sweep ran on. */
  shards: number;
  seconds: number;
}

export interface Fig5Job {
  setting: Fig5Setting;
  /** Test tasks scored per matrix product (block-diagonal kernels: cost grows with it). */
  testChunk?: number;
  /** Recorded points of the training curve (default 200). */
  curvePoints?: number;
}
