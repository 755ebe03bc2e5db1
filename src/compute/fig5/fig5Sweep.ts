/**
 * Fig. 5 of Bernacchia 2021 (§5.4): test loss vs the training inner rate αt of a p-H-H-1 ReLU
 * network trained by exact MAML. Every (αt, run) pair is one network, model k = a·runs + r; run r's
 * meta-training tasks and initial weights are shared by all αt values (common random numbers), and
 * every network is scored on the same test tasks, adapted with αr on n_r points, `testPoints` points
 * each; one point of the curve = mean over runs ± standard error.
 *
 * Each network trains on its own with 2-D products only (mlp2Maml.ts: tfjs-wasm's fast path), so
 * the networks are independent computations: `trainAndScoreModels` runs any subset of them, in
 * the order given, with the same arithmetic wherever it runs — the page's worker runs them all
 * (`runFig5Sweep`), Node splits them over worker threads (nodeShards.ts), and a network's numbers
 * do not depend on which subset or thread it ran in.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Fig5Setting } from '../../core/fig5/quadraticRegression';
import { flattenedAt } from '../../core/stats/flattening';
import { drawFig5TestTasks, fig5Draws, runSlice } from './fig5Draws';
import {
  disposeTasks,
  mlp2MetaGradients,
  mlp2MetaLoss,
  mlp2TaskLosses,
  mlp2Tasks,
  type Mlp2Params,
  type Mlp2Tasks,
} from './mlp2Maml';
import { pacedCheckpoint, type JobContext, type JobRunner } from '../../core/jobs/context';
import type { Fig5Job, Fig5Progress, Fig5Result, Fig5TrainCurve } from '../../core/fig5/types';

/** The test tasks, `chunk` per stacked batch. */
function testBatches(st: Fig5Setting, chunk: number): Mlp2Tasks[] {
  const { sx, sy, qx, qy } = drawFig5TestTasks(st);
  const out: Mlp2Tasks[] = [];
  const [d, n, q] = [st.p, st.nr, st.testPoints];
  for (let done = 0; done < st.testTasks; done += chunk) {
    const c = Math.min(chunk, st.testTasks - done);
    const rows = (a: Float32Array, per: number) => a.subarray(done * per, (done + c) * per);
    out.push(mlp2Tasks(c, d, rows(sx, n * d), rows(sy, n), rows(qx, q * d), rows(qy, q)));
  }
  return out;
}

/** Scoring one network on all test tasks, in epochs of training it (for progress and ETA). */
export function scoreEpochs(st: Fig5Setting): number {
  return Math.ceil((st.testTasks * (2 * st.nr + st.testPoints)) / (6 * st.m * st.nt));
}

/** Epochs at which the training curve is recorded: 0, every, 2·every, …, epochs. */
export function curveEpochs(epochs: number, points = 200): number[] {
  const every = Math.max(1, Math.ceil(epochs / points));
  const out: number[] = [];
  for (let e = 0; e < epochs; e += every) out.push(e);
  out.push(epochs);
  return out;
}

/** One trained and scored network. */
export interface Fig5ModelOut {
  /** Model index a·runs + r. */
  k: number;
  testLoss: number;
  /** Meta-training loss at curveEpochs(epochs, curvePoints) (NaN after a divergence). */
  curve: number[];
}

export interface Fig5ModelHooks {
  checkpoint(): Promise<void>;
  /** Paced (at most every 250 ms): network k is at `epoch` with meta-training loss `loss`. */
  training(k: number, epoch: number, loss: number): void;
  scored(out: Fig5ModelOut): void;
}

/**
 * One network's training bookkeeping, the same for both engines: the meta-training loss at the
 * `record` epochs (then the final one), and at most every 200 ms a report and a yield (cancel,
 * pause, the worker's liveness ping).
 */
export function trainingLog(record: readonly number[], hooks: Fig5ModelHooks, k: number) {
  const curve: number[] = [];
  let next = 0;
  let lastYield = performance.now();
  return {
    curve,
    /** Whether epoch's (pre-step) loss goes into the curve. */
    records: (epoch: number) => epoch === record[next],
    push(loss: number) {
      curve.push(loss);
      next++;
    },
    async pace(epoch: number, loss: number) {
      if (performance.now() - lastYield < 200) return;
      hooks.training(k, epoch + 1, loss);
      await hooks.checkpoint();
      lastYield = performance.now();
    },
    /** The curve, NaN where a diverged network has no loss. */
    padded(): number[] {
      while (curve.length < record.length) curve.push(NaN);
      return curve;
    },
  };
}

/** Trains, then scores, the networks `models` (indices a·runs + r) one after another. */
export async function trainAndScoreModels(
  st: Fig5Setting,
  models: readonly number[],
  hooks: Fig5ModelHooks,
  opts: { testChunk?: number; curvePoints?: number } = {},
): Promise<Fig5ModelOut[]> {
  const draws = fig5Draws(st);
  const tests = testBatches(st, Math.max(1, opts.testChunk ?? 5));
  const record = curveEpochs(st.epochs, opts.curvePoints);
  const paced = pacedCheckpoint(hooks, 200);
  const outs: Fig5ModelOut[] = [];
  try {
    for (const k of models) {
      const a = Math.floor(k / st.runs);
      const r = k % st.runs;
      const alpha = st.alphas[a];
      const run = runSlice(draws, st, r);
      const data = mlp2Tasks(st.m, st.p, run.x, run.y, run.xq, run.yq);
      let params: Mlp2Params = run.params.map((v, i) => tf.tensor2d(v, run.shapes[i]));
      const log = trainingLog(record, hooks, k);
      let last = NaN;
      try {
        for (let epoch = 0; epoch < st.epochs; epoch++) {
          const { loss, grads } = mlp2MetaGradients(params, data, alpha, st.firstOrder);
          const stepped = tf.tidy(() =>
            params.map((p, i) => tf.sub(p, tf.mul(grads[i], st.outerLr)) as tf.Tensor2D),
          );
          tf.dispose([params, grads]);
          params = stepped;
          if (log.records(epoch)) {
            last = (await loss.data())[0]; // async: WebGPU's dataSync reads zeros
            log.push(last);
          }
          loss.dispose();
          if (!Number.isFinite(last)) break; // diverged: the rest of the curve is NaN
          await log.pace(epoch, last);
        }
        let testLoss = NaN;
        if (Number.isFinite(last)) {
          const fin = mlp2MetaLoss(params, data, alpha);
          last = (await fin.data())[0];
          fin.dispose();
          log.push(last);
          let sum = 0;
          for (const batch of tests) {
            const l = mlp2TaskLosses(params, batch, st.alphaR);
            for (const v of await l.data()) sum += v;
            l.dispose();
            await paced();
          }
          testLoss = sum / st.testTasks;
        }
        const out = { k, testLoss, curve: log.padded() };
        outs.push(out);
        hooks.training(k, st.epochs, last);
        hooks.scored(out);
      } finally {
        tf.dispose(params);
        disposeTasks(data);
      }
    }
    return outs;
  } finally {
    tests.forEach(disposeTasks);
  }
}

/** Run-major order (all αt of run 0, then of run 1, …): a partial sweep already has every αt. */
export function runMajorOrder(st: Fig5Setting): number[] {
  const out: number[] = [];
  for (let r = 0; r < st.runs; r++)
    for (let a = 0; a < st.alphas.length; a++) out.push(a * st.runs + r);
  return out;
}

/** Live progress of a sweep from its networks' hooks (the same for one thread or several). */
export class Fig5Tracker {
  readonly models: number;
  private epochOf: number[];
  private lossOf: number[];
  private test: (number | null)[];
  private done = 0;
  constructor(
    private st: Fig5Setting,
    private shards: number,
  ) {
    this.models = st.alphas.length * st.runs;
    this.epochOf = new Array(this.models).fill(0);
    this.lossOf = new Array(this.models).fill(NaN);
    this.test = new Array(this.models).fill(null);
  }
  training(k: number, epoch: number, loss: number) {
    this.epochOf[k] = epoch;
    this.lossOf[k] = loss;
  }
  scored(o: Fig5ModelOut) {
    this.test[o.k] = o.testLoss;
    this.done++;
  }
  progress(): Fig5Progress {
    const st = this.st;
    const per = st.epochs + scoreEpochs(st);
    let done = 0;
    for (let k = 0; k < this.models; k++)
      done += this.test[k] !== null ? per : Math.min(this.epochOf[k], st.epochs);
    const trainLoss = st.alphas.map((_, a) => {
      const v = this.lossOf.slice(a * st.runs, (a + 1) * st.runs).filter((x) => !isNaN(x));
      return v.length ? v.reduce((x, y) => x + y, 0) / v.length : NaN;
    });
    const active = this.epochOf.filter((e, k) => this.test[k] === null && e > 0);
    return {
      phase: active.length === 0 && this.done > 0 ? 'test' : 'train',
      modelsDone: this.done,
      models: this.models,
      done,
      total: this.models * per,
      epoch: active.length ? Math.max(...active) : 0,
      epochs: st.epochs,
      trainLoss,
      perRun: st.alphas.map((_, a) => this.test.slice(a * st.runs, (a + 1) * st.runs)),
      shards: this.shards,
    };
  }
}

const mean = (v: readonly number[]) => v.reduce((x, y) => x + y, 0) / v.length;

/** The sweep's result from all its networks. */
export function fig5Result(
  st: Fig5Setting,
  outs: readonly Fig5ModelOut[],
  meta: { backend: string; engine?: string; shards: number; seconds: number; curvePoints?: number },
): Fig5Result {
  const nA = st.alphas.length;
  const byK = new Map(outs.map((o) => [o.k, o]));
  const perRun = st.alphas.map((_, a) =>
    Array.from({ length: st.runs }, (_, r) => byK.get(a * st.runs + r)?.testLoss ?? NaN),
  );
  const meanTestLoss = perRun.map(mean);
  const stderr = perRun.map((v, a) =>
    v.length > 1
      ? Math.sqrt(v.reduce((x, y) => x + (y - meanTestLoss[a]) ** 2, 0) / (v.length - 1) / v.length)
      : NaN,
  );
  const epochs = curveEpochs(st.epochs, meta.curvePoints);
  const perAlpha = st.alphas.map((_, a) =>
    epochs.map((_, i) =>
      mean(Array.from({ length: st.runs }, (_, r) => byK.get(a * st.runs + r)?.curve[i] ?? NaN)),
    ),
  );
  const all = epochs.map((_, i) => mean(perAlpha.map((c) => c[i])));
  const curve: Fig5TrainCurve = { epochs, perAlpha, mean: all };
  let best = -1;
  for (let a = 0; a < nA; a++)
    if (Number.isFinite(meanTestLoss[a]) && (best < 0 || meanTestLoss[a] < meanTestLoss[best]))
      best = a;
  return {
    alphas: [...st.alphas],
    meanTestLoss,
    stderr,
    perRun,
    bestAlpha: st.alphas[Math.max(0, best)],
    finalTrainLoss: perAlpha.map((c) => c[c.length - 1]),
    curve,
    flattenedAt: flattenedAt(epochs, all),
    backend: meta.backend,
    engine: meta.engine ?? meta.backend,
    shards: meta.shards,
    seconds: meta.seconds,
  };
}

/** The whole sweep in this thread (the page's compute worker; tests). */
export const runFig5Sweep: JobRunner<Fig5Job, Fig5Progress, Fig5Result> = async (
  job: Fig5Job,
  ctx: JobContext<Fig5Progress>,
) => {
  const st = job.setting;
  const t0 = performance.now();
  const tracker = new Fig5Tracker(st, 1);
  const outs = await trainAndScoreModels(
    st,
    runMajorOrder(st),
    {
      checkpoint: () => ctx.checkpoint(),
      training: (k, e, l) => {
        tracker.training(k, e, l);
        ctx.progress(tracker.progress());
      },
      scored: (o) => {
        tracker.scored(o);
        ctx.progress(tracker.progress());
      },
    },
    job,
  );
  return fig5Result(st, outs, {
    backend: tf.getBackend(),
    shards: 1,
    seconds: (performance.now() - t0) / 1000,
    curvePoints: job.curvePoints,
  });
};
