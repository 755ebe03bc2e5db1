/**
 * The Omniglot training panels as jobs (runners: src/compute/omniglot/train.ts).
 *
 * - "Is the inner loop necessary?" (`omniglot-inner-loop`): Conv4 meta-trained by MAML, by ANIL
 *   (inner loop on the head only) and by MAML with αt = 0 (no inner loop in meta-training, αr at
 *   test), plus NIL: the MAML network without its head, query embeddings classified by cosine
 *   similarity to the support embeddings (no adaptation). Raghu et al. 2020's table, on the project's
 *   Omniglot subset.
 * - "Negative training rates on real images" (`omniglot-rates`): test accuracy vs αt at fixed αr.
 *
 * Every arm is scored on the first `evalTasks` tasks of the fixed 600-task 5-way 1-shot test set
 * (15 queries per class) after 1 and 3 adaptation steps, and on the 20 official 20-way runs.
 */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import type { Params } from '../params';
import type { LayerRateStats } from '../metaSgd/rateStatistics';

export type OgArm = 'MAML' | 'ANIL' | 'αt = 0' | 'NIL' | 'Meta-SGD';

export interface OgTrainSetting {
  filters: number;
  way: number;
  queries: number;
  metaBatch: number;
  iterations: number;
  outerLr: number;
  alphaT: number;
  alphaR: number;
  trainSteps: number;
  /** Adaptation steps at which the test accuracy is reported. */
  testSteps: number[];
  firstOrder: boolean;
  evalTasks: number;
  seed: number;
  /**
   * The outer optimizer: Adam with rate `outerLr` (default), or plain SGD with step `outerLr` (the
   * two-learning-rates paper's β, its Fig. 4b).
   */
  optimizer?: 'adam' | 'sgd';
}

export interface OgInnerLoopJob {
  setting: OgTrainSetting;
  arms: 'all' | 'maml';
}

export interface OgRatesJob {
  setting: OgTrainSetting;
  alphas: number[];
}

/** Mean with a 95 % confidence interval (± 1.96 standard errors, tasks as samples). */
export interface MeanCi {
  mean: number;
  ci95: number;
  n: number;
}

export interface OgScore {
  /** 5-way 1-shot accuracy on the test set after each of `testSteps` adaptation steps. */
  fiveWay: { steps: number; acc: MeanCi }[];
  /** 20-way 1-shot on the 20 official runs (after the largest number of test steps). */
  twentyWay: MeanCi;
  /** What adapted and scored it: "wasm Conv4 kernel" or "tfjs (wasm)" (score.ts). */
  scoredBy: string;
}

export interface OgArmResult extends OgScore {
  arm: OgArm;
  alphaT: number;
  finalLoss: number;
  trainSeconds: number;
  /** What meta-trained the network: "wasm Conv4 MAML kernel (relaxed-simd)" or "tfjs (wasm)". */
  engine: string;
}

export interface OgProgress {
  /** Which arm (or αt) is training or being scored. */
  label: string;
  /** Index of this arm among all, and their count (for the ETA). */
  part: number;
  parts: number;
  stage: 'train' | 'evaluate';
  done: number;
  total: number;
  /** Training curve of the current arm: iteration and meta-loss (query cross-entropy after adaptation). */
  curve: { iteration: number; loss: number }[];
  /** Arms finished so far. */
  finished: OgArmResult[];
}

export interface OgInnerLoopResult {
  setting: OgTrainSetting;
  arms: OgArmResult[];
  curves: Record<string, { iteration: number; loss: number }[]>;
}

export interface OgRatesResult {
  setting: OgTrainSetting;
  alphas: number[];
  points: OgArmResult[];
  curves: Record<string, { iteration: number; loss: number }[]>;
}

/** Meta-SGD on Conv4: per-parameter rates learned with the initialization (from αt). */
export interface OgMetaSgdJob {
  setting: OgTrainSetting;
}

export interface OgMetaSgdResult {
  setting: OgTrainSetting;
  /** Scored with the learned rates (the test rate αr is not used). */
  arm: OgArmResult;
  /** Per layer (conv1–4: filters, γ and β together; head: weights and bias): Table-1 statistics. */
  rateStats: LayerRateStats[];
  curves: Record<string, { iteration: number; loss: number }[]>;
}

/** Starshak, Table 1: Meta-SGD's final inner rates on Mini-ImageNet (Conv4), mean and std. */
export const STARSHAK_TABLE1 = {
  source: 'Starshak, Table 1 (Meta-SGD, Mini-ImageNet)',
  rows: [
    { layer: 'conv1', mean: -0.006, std: 0.032 },
    { layer: 'conv2', mean: -0.004, std: 0.027 },
    { layer: 'conv3', mean: -0.013, std: 0.027 },
    { layer: 'conv4', mean: -0.018, std: 0.03 },
    { layer: 'head', mean: 0.043, std: 0.072 },
  ],
};

/** Test steps reported: 1 and 3, as the issue asks. */
export const OG_TEST_STEPS = [1, 3];

export const ogSetting = (p: Params): OgTrainSetting => ({
  filters: p.ogFilters,
  way: p.ogWay,
  queries: p.ogTrainQueries,
  metaBatch: p.ogMetaBatch,
  iterations: p.ogIters,
  outerLr: p.ogOuterLr,
  alphaT: p.ogAlphaT,
  alphaR: p.ogAlphaR,
  trainSteps: p.ogTrainSteps,
  testSteps: OG_TEST_STEPS,
  firstOrder: p.ogFirstOrder,
  evalTasks: p.ogEvalTasks,
  seed: p.ogTrainSeed,
});

export function ogAlphas(p: Params): number[] {
  const [a, b] = p.ogAlphas;
  const n = p.ogCount;
  return Array.from({ length: n }, (_, i) => +(a + ((b - a) * i) / (n - 1)).toFixed(6));
}

/** The arms the inner-loop job trains (NIL needs no training: it reuses the MAML network). */
export const trainedArms = (arms: OgInnerLoopJob['arms']): OgArm[] =>
  arms === 'maml' ? ['MAML'] : ['MAML', 'ANIL', 'αt = 0'];

const progressOf = (s: OgProgress) => {
  const f = s.total > 0 ? s.done / s.total : 0;
  // training dominates: an arm's evaluation counts as a tenth of it
  const within = s.stage === 'train' ? 0.9 * f : 0.9 + 0.1 * f;
  return {
    done: Math.round((s.part + within) * 1000),
    total: s.parts * 1000,
    phase: `${s.label}: ${s.stage} ${s.done}/${s.total}`,
  };
};

export const ogInnerLoopSpec: JobSpec<
  WithBackend<OgInnerLoopJob>,
  OgProgress,
  OgInnerLoopResult
> = {
  name: 'omniglot-inner-loop',
  lane: 'omniglot-inner-loop',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: { setting: ogSetting(p), arms: p.ogArms }, backend: p.backend }),
  progress: progressOf,
};

export const ogRatesSpec: JobSpec<WithBackend<OgRatesJob>, OgProgress, OgRatesResult> = {
  name: 'omniglot-rates',
  lane: 'omniglot-rates',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: { setting: ogSetting(p), alphas: ogAlphas(p) }, backend: p.backend }),
  progress: progressOf,
};

export const ogMetaSgdSpec: JobSpec<WithBackend<OgMetaSgdJob>, OgProgress, OgMetaSgdResult> = {
  name: 'omniglot-metasgd',
  lane: 'omniglot-metasgd',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p) => ({ job: { setting: ogSetting(p) }, backend: p.backend }),
  progress: progressOf,
};

/**
 * Raghu et al. 2020 (ICLR), Table 2 as the slides show it: FULL Omniglot (1,623 characters, the
 * standard 1,200-character meta-train split), 20-way; not this project's 203-character subset.
 */
export const RAGHU_FULL_OMNIGLOT = {
  source: 'Raghu et al. 2020 (as on the slides)',
  rows: [
    { arm: 'MAML' as OgArm, oneShot20: '93.7 ± 0.7', fiveShot20: '96.4 ± 0.1' },
    { arm: 'ANIL' as OgArm, oneShot20: '96.2 ± 0.5', fiveShot20: '98.0 ± 0.3' },
    { arm: 'NIL' as OgArm, oneShot20: '96.7 ± 0.3', fiveShot20: '98.0 ± 0.04' },
  ],
};

/** Finn et al. 2017: MAML 5-way 1-shot on full Omniglot (964 background characters). */
export const FINN_FIVE_WAY_ONE_SHOT = 98.7;

export function meanCi(x: readonly number[]): MeanCi {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const v = n > 1 ? x.reduce((s, y) => s + (y - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, ci95: 1.96 * Math.sqrt(v / n), n };
}
