/** The Fig. 5 sweep's job, progress and result (the compute worker runs it: src/compute/fig5). */
import type { Fig5Setting } from './quadraticRegression';

export interface Fig5Progress {
  phase: 'train' | 'test';
  /** Which batch of αt values is running (1-based), when the sweep is split to bound memory. */
  group: number;
  groups: number;
  epoch: number;
  epochs: number;
  /** Test tasks scored so far (phase 'test'). */
  tested: number;
  /** Meta-training loss per α_t, mean over runs (½ squared error). */
  trainLoss: number[];
}

export interface Fig5Result {
  alphas: number[];
  /** Test loss per α_t: mean over runs, and its standard error std(ddof = 1)/√runs. */
  meanTestLoss: number[];
  stderr: number[];
  /** testLoss[a][r]. */
  perRun: number[][];
  bestAlpha: number;
  finalTrainLoss: number[];
  backend: string;
  seconds: number;
}

export interface Fig5Job {
  setting: Fig5Setting;
  /** Epochs between progress reports (and cancel/pause checks). */
  chunkEpochs?: number;
  /** Upper bound on floats held by the per-task parameter copies of one test chunk. */
  testChunkFloats?: number;
  /**
   * Upper bound on floats held by the per-task parameter copies during training. Larger sweeps are
   * split into batches of αt values run one after another (same draws, so the same numbers): the
   * paper's sweep as one batch does not fit in wasm's 4 GiB memory.
   */
  trainCopyFloats?: number;
}
