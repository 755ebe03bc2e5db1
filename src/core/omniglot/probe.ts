/**
 * Panel 5 of issue 13: the feature-reuse probe on Omniglot as Starshak (§4, §5.3, Fig. 7) does it
 * (runner: src/compute/omniglot/probe.ts). A MAML and a Meta-SGD Conv4 are meta-trained at the
 * panels' common setting (`ogSetting`: the same seed, tasks and initialization as panels 1 and 4,
 * so the Meta-SGD network is panel 4's). Then, on each of the first n fixed test tasks A (and a
 * partner task B: the next test task sharing no character with A), the head is stripped and each
 * query is given the class of the most cosine-similar support embedding (one support image per
 * class = the prototype):
 *   (a) pre: at the meta-initialization, on A (and on B, the off-task baseline);
 *   (b) on-task: after adapting the whole network on A's support, on A;
 *   (c) off-task: after adapting on A's support, on B.
 * Δon = on(A) − pre(A) and Δoff = off(B) − pre(B) per task; the tasks are the same for both
 * methods, so every comparison is a paired difference across tasks (mean ± 95 % CI = 1.96 SE).
 */
import type { JobSpec } from '../jobs/spec';
import type { WithBackend } from '../jobs/withBackend';
import type { Params } from '../params';
import { oneSampleT } from '../stats/studentT';
import { ogSetting, type OgProgress, type OgTrainSetting } from './training';

export interface OgProbeJob {
  setting: OgTrainSetting;
  /** Adaptation steps of the probe (Starshak: 5, as in its training). */
  steps: number;
}

/** Per-task accuracies of one method (index = test task). */
export interface ProbeAccuracies {
  preA: number[];
  preB: number[];
  onA: number[];
  offB: number[];
}

/** A paired difference across tasks: mean, SE, 95 % CI (± 1.96 SE), two-sided p. */
export interface PairedDiff {
  mean: number;
  stderr: number;
  ci95: number;
  p: number;
  n: number;
}

export type ClaimVerdict = 'agrees' | 'disagrees' | 'inconclusive';

export interface ProbeClaim {
  /** What the paper says, in words. */
  claim: string;
  /** The sign it claims for `diff`. */
  sign: 1 | -1;
  diff: PairedDiff;
  /** Decided by the CI: agrees if it excludes 0 on the claimed side, disagrees on the other. */
  verdict: ClaimVerdict;
}

export interface OgProbeArm {
  method: 'MAML' | 'Meta-SGD';
  finalLoss: number;
  trainSeconds: number;
  /** What meta-trained it (the wasm Conv4 kernel or tfjs; see compute/omniglot/kernelEngine.ts). */
  engine: string;
  /** Mean accuracies (pre on A, pre on B, on-task, off-task) with 95 % CIs over tasks. */
  pre: PairedDiff;
  preB: PairedDiff;
  onTask: PairedDiff;
  offTask: PairedDiff;
  deltaOn: PairedDiff;
  deltaOff: PairedDiff;
}

export interface OgProbeResult {
  setting: OgTrainSetting;
  steps: number;
  tasks: number;
  arms: OgProbeArm[];
  /** Meta-SGD minus MAML, paired by task: Δon, Δoff and (Δoff − Δon). */
  metaSgdMinusMaml: { deltaOn: PairedDiff; deltaOff: PairedDiff; offMinusOn: PairedDiff };
  claims: ProbeClaim[];
  /** Per-task accuracies (the CSV / JSON export). */
  perTask: Record<'MAML' | 'Meta-SGD', ProbeAccuracies>;
  curves: Record<string, { iteration: number; loss: number }[]>;
}

export function pairedDiff(x: readonly number[]): PairedDiff {
  const n = x.length;
  if (n < 2) return { mean: n ? x[0] : NaN, stderr: NaN, ci95: NaN, p: NaN, n };
  const t = oneSampleT(x);
  // all differences equal: no spread, a degenerate test
  const p = t.stderr === 0 ? (t.mean === 0 ? 1 : 0) : t.p;
  return { mean: t.mean, stderr: t.stderr, ci95: 1.96 * t.stderr, p, n };
}

const minus = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x - b[i]);

export function verdictOf(d: PairedDiff, sign: 1 | -1): ClaimVerdict {
  if (!Number.isFinite(d.ci95)) return 'inconclusive';
  const lo = d.mean - d.ci95;
  const hi = d.mean + d.ci95;
  if (lo > 0) return sign > 0 ? 'agrees' : 'disagrees';
  if (hi < 0) return sign < 0 ? 'agrees' : 'disagrees';
  return 'inconclusive';
}

/** The arm's summary from its per-task accuracies. */
export function probeArm(
  method: OgProbeArm['method'],
  acc: ProbeAccuracies,
  train: { finalLoss: number; trainSeconds: number; engine: string },
): OgProbeArm {
  return {
    method,
    ...train,
    pre: pairedDiff(acc.preA),
    preB: pairedDiff(acc.preB),
    onTask: pairedDiff(acc.onA),
    offTask: pairedDiff(acc.offB),
    deltaOn: pairedDiff(minus(acc.onA, acc.preA)),
    deltaOff: pairedDiff(minus(acc.offB, acc.preB)),
  };
}

/**
 * Starshak's claims (abstract and §5.3) tested on the data: the abstract's "MAML improved on the
 * task it was adapted to, but had worse performance on other tasks; Meta-SGD the opposite", and
 * §5.3's t-test of the change between on- and off-task, Meta-SGD against MAML.
 */
export function probeComparison(maml: ProbeAccuracies, metaSgd: ProbeAccuracies) {
  const dOn = (a: ProbeAccuracies) => minus(a.onA, a.preA);
  const dOff = (a: ProbeAccuracies) => minus(a.offB, a.preB);
  const offMinusOn = (a: ProbeAccuracies) => minus(dOff(a), dOn(a));
  const metaSgdMinusMaml = {
    deltaOn: pairedDiff(minus(dOn(metaSgd), dOn(maml))),
    deltaOff: pairedDiff(minus(dOff(metaSgd), dOff(maml))),
    offMinusOn: pairedDiff(minus(offMinusOn(metaSgd), offMinusOn(maml))),
  };
  const claim = (text: string, sign: 1 | -1, diff: PairedDiff): ProbeClaim => ({
    claim: text,
    sign,
    diff,
    verdict: verdictOf(diff, sign),
  });
  const claims = [
    claim('MAML improves on the task it was adapted to (Δon > 0)', 1, pairedDiff(dOn(maml))),
    claim('MAML gets worse on other tasks (Δoff < 0)', -1, pairedDiff(dOff(maml))),
    claim(
      'Meta-SGD gets worse on the task it was adapted to (Δon < 0)',
      -1,
      pairedDiff(dOn(metaSgd)),
    ),
    claim('Meta-SGD improves on other tasks (Δoff > 0)', 1, pairedDiff(dOff(metaSgd))),
    claim(
      'Δoff − Δon is larger for Meta-SGD than for MAML (the paper’s t-test, p = 0.00044)',
      1,
      metaSgdMinusMaml.offMinusOn,
    ),
  ];
  return { metaSgdMinusMaml, claims };
}

/** Starshak's Fig. 7 as its text reports it (Mini-ImageNet, 40,000 probe iterations). */
export const STARSHAK_PROBE = {
  source: 'Starshak, §5.3 and Fig. 7 (Mini-ImageNet, Conv4, 5-way 1-shot, 5 adaptation steps)',
  text:
    'Both models lose a little on-task accuracy; off-task, Meta-SGD gains 0.2 % and MAML loses ' +
    '0.3 %; the t-test of (Δoff − Δon) between them gives p = 0.00044. (The abstract says MAML ' +
    'improved on-task.)',
};

export const ogProbeSpec: JobSpec<WithBackend<OgProbeJob>, OgProgress, OgProbeResult> = {
  name: 'omniglot-probe',
  lane: 'omniglot-probe',
  worker: 'compute',
  start: 'manual',
  views: ['nonlinear'],
  fromParams: (p: Params) => ({
    job: { setting: ogSetting(p), steps: p.ogProbeSteps },
    backend: p.backend,
  }),
  progress: (s) => {
    const f = s.total > 0 ? s.done / s.total : 0;
    // two trainings (0.45 each) and the probe of both (0.1)
    const within = s.stage === 'train' ? 0.45 * (s.part + f) : 0.9 + 0.1 * f;
    return {
      done: Math.round(within * 1000),
      total: 1000,
      phase: `${s.label}: ${s.stage} ${s.done}/${s.total}`,
    };
  },
};
