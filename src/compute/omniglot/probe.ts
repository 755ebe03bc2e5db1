/**
 * The Omniglot feature-reuse probe (src/core/omniglot/probe.ts): MAML and Meta-SGD trained by
 * `trainConv4` at the panels' setting, then per test task pair (A, B) the headless network's
 * embeddings before and after adapting on A's support, classified by the nearest (cosine)
 * one-shot prototype (`prototypeAccuracy`, the toy probe's classifier).
 */
import * as tf from '@tensorflow/tfjs-core';
import { pacedCheckpoint, type JobRunner } from '../../core/jobs/context';
import type { OmniglotData } from '../../core/omniglot/format';
import { evaluationTasks, type Task } from '../../core/omniglot/tasks';
import {
  probeArm,
  probeComparison,
  type OgProbeJob,
  type OgProbeResult,
  type ProbeAccuracies,
} from '../../core/omniglot/probe';
import type { OgProgress } from '../../core/omniglot/training';
import { prototypeAccuracy } from '../../core/probe/prototypeClassifier';
import { adaptConv4, conv4Features, perTask } from './conv4';
import { episodeTensors } from './episodes';
import { chunkFor, modelForWay } from './score';
import { trainConv4, type Conv4Method, type TrainedConv4 } from './train';
import type { ShardPool } from '../shards/shardPool';

/**
 * The off-task partner of each task: the first task after it in the list (cyclically) that shares
 * no character with it.
 */
export function partnerTasks(tasks: readonly Task[]): number[] {
  const chars = tasks.map((t) => new Set(t.classes.map((c) => c.character)));
  return tasks.map((_, a) => {
    for (let k = 1; k < tasks.length; k++) {
      const b = (a + k) % tasks.length;
      if (![...chars[b]].some((c) => chars[a].has(c))) return b;
    }
    throw new Error('no test task without a common character');
  });
}

/**
 * Per-task accuracies pre(A), pre(B), on(A), off(B) of one network: embeddings (the network
 * without its head; support and query each normalized by their own batch statistics, as NIL does)
 * at θ and at θ adapted by `steps` steps on A's support (rate αr, or the learned rates).
 */
export async function probeAccuraciesConv4(
  model: TrainedConv4,
  data: OmniglotData,
  tasks: readonly Task[],
  partners: readonly number[],
  opts: { steps: number; alpha: number; learned: boolean },
  checkpoint: (now?: boolean) => Promise<void>,
  onDone: (n: number) => void = () => {},
): Promise<ProbeAccuracies> {
  const way = tasks[0].way;
  const shots = tasks[0].support.length / way;
  const queries = tasks[0].query.length / way;
  const { params, rates } = modelForWay(model, way);
  const rate = opts.learned && rates ? rates : opts.alpha;
  const out: ProbeAccuracies = { preA: [], preB: [], onA: [], offB: [] };
  const chunk = chunkFor(
    model.shape.filters,
    2 * (tasks[0].support.length + tasks[0].query.length),
  );
  try {
    for (let k = 0; k < tasks.length; k += chunk) {
      const A = tasks.slice(k, k + chunk);
      const B = A.map((_, i) => tasks[partners[k + i]]);
      const a = episodeTensors(data, A);
      const b = episodeTensors(data, B);
      const emb = tf.tidy(() => {
        const theta = perTask(params, A.length);
        const adapted = adaptConv4(theta, a.xs, a.ys, rate, {
          steps: opts.steps,
          firstOrder: true,
        });
        return [theta, adapted].flatMap((th) =>
          [a.xs, a.xq, b.xs, b.xq].map((x) => conv4Features(th, x)),
        );
      });
      const host = await Promise.all(emb.map((e) => e.data()));
      const dim = emb[0].shape[2];
      tf.dispose([emb, a.xs, a.ys, a.xq, a.yq, a.labels, b.xs, b.ys, b.xq, b.yq, b.labels]);
      const ns = way * shots;
      const nq = way * queries;
      const acc = (si: number, t: number) =>
        prototypeAccuracy(
          host[si].subarray(t * ns * dim, (t + 1) * ns * dim),
          host[si + 1].subarray(t * nq * dim, (t + 1) * nq * dim),
          dim,
          way,
          shots,
          queries,
        );
      for (let t = 0; t < A.length; t++) {
        out.preA.push(acc(0, t));
        out.preB.push(acc(2, t));
        out.onA.push(acc(4, t));
        out.offB.push(acc(6, t));
      }
      onDone(Math.min(tasks.length, k + chunk));
      await checkpoint();
    }
    return out;
  } finally {
    tf.dispose(params);
    if (rates) tf.dispose(rates);
  }
}

export const probeRunner =
  (
    load: () => Promise<OmniglotData>,
    threads?: ShardPool,
  ): JobRunner<OgProbeJob, OgProgress, OgProbeResult> =>
  async (job, ctx) => {
    const s = job.setting;
    const data = await load();
    const checkpoint = pacedCheckpoint(ctx);
    const arms: { label: 'MAML' | 'Meta-SGD'; method: Conv4Method }[] = [
      { label: 'MAML', method: { adapt: 'all', alphaT: s.alphaT } },
      { label: 'Meta-SGD', method: { adapt: 'all', alphaT: s.alphaT, learnRates: true } },
    ];
    const models: TrainedConv4[] = [];
    const curves: OgProbeResult['curves'] = {};
    for (const [part, a] of arms.entries()) {
      const base = { label: a.label, part, parts: 2, finished: [] };
      const m = await trainConv4(
        s,
        a.method,
        data,
        ctx,
        (curve, done) =>
          ctx.progress({
            ...base,
            stage: 'train',
            done,
            total: s.iterations,
            curve: curve.slice(),
          }),
        threads,
      );
      models.push(m);
      curves[a.label] = m.curve;
    }
    const tasks = evaluationTasks(data.index, s.evalTasks);
    const partners = partnerTasks(tasks);
    const acc: ProbeAccuracies[] = [];
    for (const [part, m] of models.entries()) {
      const label = arms[part].label;
      acc.push(
        await probeAccuraciesConv4(
          m,
          data,
          tasks,
          partners,
          { steps: job.steps, alpha: s.alphaR, learned: part === 1 },
          checkpoint,
          (n) =>
            ctx.progress({
              label: `probe ${label}`,
              part,
              parts: 2,
              finished: [],
              stage: 'evaluate',
              done: part * tasks.length + n,
              total: 2 * tasks.length,
              curve: m.curve,
            }),
        ),
      );
    }
    const train = (m: TrainedConv4) => ({
      finalLoss: m.curve[m.curve.length - 1]?.loss ?? NaN,
      trainSeconds: m.seconds,
      engine: m.engine,
    });
    return {
      setting: s,
      steps: job.steps,
      tasks: tasks.length,
      arms: [
        probeArm('MAML', acc[0], train(models[0])),
        probeArm('Meta-SGD', acc[1], train(models[1])),
      ],
      ...probeComparison(acc[0], acc[1]),
      perTask: { MAML: acc[0], 'Meta-SGD': acc[1] },
      curves,
    };
  };
