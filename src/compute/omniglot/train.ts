/**
 * Conv4 meta-training on the shipped Omniglot data and the runners of src/core/omniglot/training.ts
 * (scoring in score.ts). Outer loop: Adam on the meta-parameters; inner loop: SGD with αt
 * (training) or αr (test), on the wasm Conv4 kernel or tfjs (kernelEngine.ts, tfjsEngine.ts),
 * batched over the tasks of a meta-batch. Every arm of a job
 * sees the same meta-training tasks and the same initialization (common random numbers): arms
 * differ only in how they adapt.
 */
import { createRng } from '../../core/rng';
import { pacedCheckpoint, type JobContext, type JobRunner } from '../../core/jobs/context';
import type { OmniglotData } from '../../core/omniglot/format';
import { IMAGE_SIZE } from '../../core/omniglot/preprocess';
import { protocolSplit } from '../../core/omniglot/protocol';
import { sampleTask } from '../../core/omniglot/tasks';
import {
  trainedArms,
  type OgArm,
  type OgArmResult,
  type OgInnerLoopJob,
  type OgInnerLoopResult,
  type OgMetaSgdJob,
  type OgMetaSgdResult,
  type OgProgress,
  type OgRatesJob,
  type OgRatesResult,
  type OgTrainSetting,
} from '../../core/omniglot/training';
import { layerRateStatistics } from '../../core/metaSgd/rateStatistics';
import { CONV_BLOCKS, headIndices, initConv4Arrays, type Conv4Shape } from './conv4';
import { kernelTrainer } from './kernelEngine';
import { tfjsTrainer } from './tfjsEngine';
import { scoreArm } from './score';
import type { ShardPool } from '../shards/shardPool';

const STREAM_INIT = 0x0e7a3;
const STREAM_TASKS = 0x0e7a4;

export interface Conv4Method {
  /** 'all': MAML; 'head': ANIL. */
  adapt: 'all' | 'head';
  alphaT: number;
  /** Meta-SGD: per-parameter rates, initialized at αt, learned by the outer loop with θ. */
  learnRates?: boolean;
  /** Stop at the first non-finite training loss (the α–β grid: a diverged cell learns nothing more). */
  stopIfNonFinite?: boolean;
}

export interface TrainedConv4 {
  shape: Conv4Shape;
  params: Float32Array[];
  /** Meta-SGD's learned per-parameter rates (one array per parameter), when learned. */
  rates?: Float32Array[];
  curve: { iteration: number; loss: number }[];
  seconds: number;
  /** What meta-trained it: the wasm Conv4 kernel (and its build) or tfjs (kernelEngine.ts). */
  engine: string;
}

/** The initialization every training of setting `s` starts from (before any iteration). */
export function initialConv4(s: OgTrainSetting): TrainedConv4 {
  const shape: Conv4Shape = { filters: s.filters, way: s.way, imageSize: IMAGE_SIZE };
  return {
    shape,
    params: initConv4Arrays(shape, createRng(s.seed, STREAM_INIT)),
    curve: [],
    seconds: 0,
    engine: 'none (initialization)',
  };
}

/** Meta-trains Conv4; `onCurve` gets the curve so far (throttled), the checkpoint runs ≥ 4×/s. */
export async function trainConv4(
  s: OgTrainSetting,
  method: Conv4Method,
  data: OmniglotData,
  ctx: Pick<JobContext<unknown>, 'checkpoint'>,
  onCurve: (curve: TrainedConv4['curve'], done: number) => void = () => {},
  /** Threads for the kernel's second group of tasks (kernelGroups.ts); results do not depend on it. */
  threads?: ShardPool,
): Promise<TrainedConv4> {
  const t0 = performance.now();
  const { shape, params: init } = initialConv4(s);
  const classes = protocolSplit(data.index).metaTrain;
  const rng = createRng(s.seed, STREAM_TASKS);
  const checkpoint = pacedCheckpoint(ctx);
  const curve: TrainedConv4['curve'] = [];
  const steps = method.alphaT === 0 ? 0 : s.trainSteps;
  const engine =
    (await kernelTrainer(s, { ...method, steps }, init, data, threads)) ??
    tfjsTrainer(s, method, steps, init, data);
  let lastReport = 0;
  try {
    for (let it = 1; it <= s.iterations; it++) {
      const episodes = Array.from({ length: s.metaBatch }, () =>
        sampleTask(data.index, classes, { way: s.way, shot: 1, queries: s.queries }, rng),
      );
      const loss = await engine.step(episodes);
      curve.push({ iteration: it, loss });
      const stop = method.stopIfNonFinite === true && !Number.isFinite(loss);
      if (performance.now() - lastReport > 250 || it === s.iterations || stop) {
        onCurve(curve, it);
        lastReport = performance.now();
      }
      await checkpoint(it === s.iterations || stop);
      if (stop) break;
    }
    const out = await engine.result();
    return { shape, ...out, curve, seconds: (performance.now() - t0) / 1000, engine: engine.name };
  } finally {
    engine.dispose();
  }
}

type Curves = Record<string, { iteration: number; loss: number }[]>;

/** Trains and scores each arm in turn, streaming progress. */
async function runArms(
  arms: { label: string; arm: OgArm; method: Conv4Method; nilAfter?: boolean }[],
  s: OgTrainSetting,
  load: () => Promise<OmniglotData>,
  ctx: JobContext<OgProgress>,
  threads?: ShardPool,
): Promise<{ results: OgArmResult[]; curves: Curves }> {
  const data = await load();
  const checkpoint = pacedCheckpoint(ctx);
  const finished: OgArmResult[] = [];
  const curves: Curves = {};
  for (const [part, a] of arms.entries()) {
    const base = { label: a.label, part, parts: arms.length, finished: finished.slice() };
    const model = await trainConv4(
      s,
      a.method,
      data,
      ctx,
      (curve, done) =>
        ctx.progress({ ...base, stage: 'train', done, total: s.iterations, curve: curve.slice() }),
      threads,
    );
    curves[a.label] = model.curve;
    const curve = model.curve;
    // NIL (scored after MAML, on the same network) is the second half of the evaluation
    const scorings = a.nilAfter ? 2 : 1;
    let offset = 0;
    const report = (done: number, total: number) =>
      ctx.progress({
        ...base,
        stage: 'evaluate',
        done: offset * total + done,
        total: scorings * total,
        curve,
      });
    const finalLoss = model.curve[model.curve.length - 1]?.loss ?? NaN;
    const score = await scoreArm(model, data, s, { adapt: a.method.adapt }, checkpoint, report);
    finished.push({
      arm: a.arm,
      alphaT: a.method.alphaT,
      finalLoss,
      trainSeconds: model.seconds,
      engine: model.engine,
      ...score,
    });
    if (a.nilAfter) {
      offset = 1;
      const nil = await scoreArm(model, data, s, { adapt: 'all', nil: true }, checkpoint, report);
      finished.push({
        arm: 'NIL',
        alphaT: a.method.alphaT,
        finalLoss,
        trainSeconds: 0,
        engine: model.engine,
        ...nil,
      });
    }
  }
  return { results: finished, curves };
}

export const innerLoopRunner =
  (
    load: () => Promise<OmniglotData>,
    threads?: ShardPool,
  ): JobRunner<OgInnerLoopJob, OgProgress, OgInnerLoopResult> =>
  async (job, ctx) => {
    const s = job.setting;
    const arms = trainedArms(job.arms).map((arm) => ({
      label: arm,
      arm,
      method: {
        adapt: arm === 'ANIL' ? ('head' as const) : ('all' as const),
        alphaT: arm === 'αt = 0' ? 0 : s.alphaT,
      },
      nilAfter: arm === 'MAML',
    }));
    const { results, curves } = await runArms(arms, s, load, ctx, threads);
    return { setting: s, arms: results, curves };
  };

export const ratesRunner =
  (
    load: () => Promise<OmniglotData>,
    threads?: ShardPool,
  ): JobRunner<OgRatesJob, OgProgress, OgRatesResult> =>
  async (job, ctx) => {
    const s = job.setting;
    const arms = job.alphas.map((alphaT) => ({
      label: `αt = ${alphaT}`,
      arm: 'MAML' as OgArm,
      method: { adapt: 'all' as const, alphaT },
    }));
    const { results, curves } = await runArms(arms, s, load, ctx, threads);
    return { setting: s, alphas: job.alphas, points: results, curves };
  };

/** Learned rates grouped by layer: conv1–4 (filters, γ, β together) and the head (weights, bias). */
export function ratesByLayer(rates: readonly Float32Array[]) {
  const group = (idx: number[], name: string) => {
    const n = idx.reduce((k, i) => k + rates[i].length, 0);
    const values = new Float32Array(n);
    let o = 0;
    for (const i of idx) {
      values.set(rates[i], o);
      o += rates[i].length;
    }
    return { name, values };
  };
  const out = [];
  for (let l = 0; l < CONV_BLOCKS; l++)
    out.push(group([3 * l, 3 * l + 1, 3 * l + 2], `conv${l + 1}`));
  out.push(group(headIndices(), 'head'));
  return out;
}

export const metaSgdRunner =
  (load: () => Promise<OmniglotData>): JobRunner<OgMetaSgdJob, OgProgress, OgMetaSgdResult> =>
  async (job, ctx) => {
    const s = job.setting;
    const data = await load();
    const checkpoint = pacedCheckpoint(ctx);
    const base = { label: 'Meta-SGD', part: 0, parts: 1, finished: [] };
    const method = { adapt: 'all' as const, alphaT: s.alphaT, learnRates: true };
    const model = await trainConv4(s, method, data, ctx, (curve, done) =>
      ctx.progress({ ...base, stage: 'train', done, total: s.iterations, curve: curve.slice() }),
    );
    const score = await scoreArm(
      model,
      data,
      s,
      { adapt: 'all', learned: true },
      checkpoint,
      (done, total) =>
        ctx.progress({ ...base, stage: 'evaluate', done, total, curve: model.curve }),
    );
    return {
      setting: s,
      arm: {
        arm: 'Meta-SGD',
        alphaT: s.alphaT,
        finalLoss: model.curve[model.curve.length - 1]?.loss ?? NaN,
        trainSeconds: model.seconds,
        engine: model.engine,
        ...score,
      },
      rateStats: layerRateStatistics(ratesByLayer(model.rates!)),
      curves: { 'Meta-SGD': model.curve },
    };
  };
