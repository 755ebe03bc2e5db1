/** The feature-reuse probe's contract (runner: src/compute/probe/featureReuseProbe.ts). */
import type { ClusterFamily } from './gaussianClusterTasks';
import type { TTest } from '../stats/studentT';
import type { LayerRateStats } from '../metaSgd/rateStatistics';

export interface ProbeJob {
  family: ClusterFamily;
  hidden: number;
  iterations: number;
  metaBatch: number;
  outerLr: number;
  /** MAML's fixed inner rate; also Meta-SGD's initial per-parameter rate. */
  alpha: number;
  innerSteps: number;
  firstOrder: boolean;
  evalTasks: number;
  seed: number;
}

export interface ProbeProgress {
  stage: 'train MAML' | 'train Meta-SGD' | 'evaluate';
  done: number;
  total: number;
  loss?: number;
}

export interface MeanSe {
  mean: number;
  stderr: number;
}

export interface ProbeArm {
  method: 'MAML' | 'Meta-SGD';
  finalTrainLoss: number;
  pre: MeanSe;
  onTask: MeanSe;
  offTask: MeanSe;
  deltaOn: TTest;
  deltaOff: TTest;
  rateStats: LayerRateStats[];
}

export interface ProbeResult {
  arms: ProbeArm[];
  /** Welch test of (Δoff − Δon), Meta-SGD minus MAML. */
  offMinusOnMetaSgdVsMaml: TTest;
}
