/**
 * JobRunner: Meta-SGD on an MLP for sinusoid regression (MLP 1-40-40-1, theory.md §2's benchmark:
 * 10 support + 10 query points, meta-batch 25, Adam 1e-3) or for the Fig. 5 quadratic regression,
 * streaming per-layer learned-rate statistics; at the end both Meta-SGD and a MAML baseline (fixed
 * rate = the initial rate) are scored on the same fresh tasks.
 */
import type { MetaSgdProgress } from '../../core/metaSgd/mlpTypes';
import { createRng } from '../../core/rng';
import { quadraticTaskSampler, sampleSinusoidTasks } from '../../core/metaSgd/metaTaskSamplers';
import { FIG5_PAPER } from '../../core/fig5/quadraticRegression';
import type { JobRunner } from '../../core/jobs/context';
import { metaTestLoss, trainMetaSgdMlp, type MetaSgdMlpConfig } from './metaSgdMlp';
import type { MetaSgdMlpJob, MetaSgdMlpResult } from '../../core/metaSgd/mlpTypes';

export function metaSgdConfig(job: MetaSgdMlpJob, learnRates: boolean): MetaSgdMlpConfig {
  const base = {
    learnRates,
    alphaInit: job.alphaInit,
    outerLr: job.outerLr,
    iterations: job.iterations,
    innerSteps: 1,
    firstOrder: job.firstOrder,
    seed: job.seed,
    chunk: Math.max(1, Math.min(100, Math.floor(job.iterations / 20))),
  };
  return job.task === 'sinusoid'
    ? {
        ...base,
        sizes: [1, 40, 40, 1],
        metaBatch: 25,
        support: 10,
        query: 10,
        half: false,
        // Finn et al.'s reference code: weights N(0, 0.01²). With He init the first inner steps
        // (rate 0.01, inputs up to ±5) overshoot by orders of magnitude.
        weightStd: () => 0.01,
      }
    : {
        ...base,
        sizes: [FIG5_PAPER.p, job.width, job.width, 1],
        metaBatch: 10,
        support: FIG5_PAPER.nt,
        query: 10,
        half: true,
        weightStd: (fanIn: number) => 1 / Math.sqrt(fanIn), // the paper's Fig. 5 initialization
      };
}

export const runMetaSgdMlp: JobRunner<MetaSgdMlpJob, MetaSgdProgress, MetaSgdMlpResult> = async (
  job,
  ctx,
) => {
  const sampler = job.task === 'sinusoid' ? sampleSinusoidTasks : quadraticTaskSampler(FIG5_PAPER);
  const cfg = metaSgdConfig(job, true);
  const trained = await trainMetaSgdMlp(cfg, sampler, ctx);
  const score = (m: typeof trained) =>
    metaTestLoss(
      m,
      sampler,
      createRng(job.seed, 61),
      job.testTasks,
      cfg.support,
      cfg.query,
      cfg.half,
    );
  const metaSgd = await score(trained);
  let maml: number | null = null;
  if (job.withMaml) {
    const quiet = { ...ctx, progress: () => {} };
    maml = await score(await trainMetaSgdMlp(metaSgdConfig(job, false), sampler, quiet));
  }
  return {
    task: job.task,
    sizes: cfg.sizes,
    rateStats: trained.rateStats,
    lossCurve: trained.lossCurve,
    metaTestLoss: { metaSgd, maml },
  };
};
