/**
 * Task families for Meta-SGD on small MLPs, sampled on the host into flat Float32Arrays shaped for
 * the batched MLP ([T, N, in] support/query inputs, [T, N, out] labels).
 */
import type { Rng } from '../rng';
import {
  drawQuadraticTask,
  sampleQuadraticPoints,
  type QuadraticTaskFamily,
} from '../fig5/quadraticRegression';

export interface TaskBatch {
  tasks: number;
  support: number;
  query: number;
  inDim: number;
  outDim: number;
  xs: Float32Array;
  ys: Float32Array;
  xq: Float32Array;
  yq: Float32Array;
}

export type TaskSampler = (rng: Rng, tasks: number, support: number, query: number) => TaskBatch;

/**
 * Sinusoid regression (theory.md §2; Finn et al. 2017): y = A sin(x − φ), A ∈ [0.1, 5],
 * φ ∈ [0, π], x ∈ [−5, 5] uniform.
 */
export const sampleSinusoidTasks: TaskSampler = (rng, tasks, support, query) => {
  const xs = new Float32Array(tasks * support);
  const ys = new Float32Array(tasks * support);
  const xq = new Float32Array(tasks * query);
  const yq = new Float32Array(tasks * query);
  for (let t = 0; t < tasks; t++) {
    const amp = 0.1 + 4.9 * rng.uniform();
    const phase = Math.PI * rng.uniform();
    const fill = (x: Float32Array, y: Float32Array, n: number) => {
      for (let i = 0; i < n; i++) {
        const v = -5 + 10 * rng.uniform();
        x[t * n + i] = v;
        y[t * n + i] = amp * Math.sin(v - phase);
      }
    };
    fill(xs, ys, support);
    fill(xq, yq, query);
  }
  return { tasks, support, query, inDim: 1, outDim: 1, xs, ys, xq, yq };
};

/** The Fig. 5 quadratic regression y = (wᵀx + b)² + z as a task sampler. */
export function quadraticTaskSampler(fam: QuadraticTaskFamily): TaskSampler {
  return (rng, tasks, support, query) => {
    const p = fam.p;
    const xs = new Float32Array(tasks * support * p);
    const ys = new Float32Array(tasks * support);
    const xq = new Float32Array(tasks * query * p);
    const yq = new Float32Array(tasks * query);
    for (let t = 0; t < tasks; t++) {
      const task = drawQuadraticTask(rng, fam);
      sampleQuadraticPoints(rng, fam, task, support, xs, t * support * p, ys, t * support);
      sampleQuadraticPoints(rng, fam, task, query, xq, t * query * p, yq, t * query);
    }
    return { tasks, support, query, inDim: p, outDim: 1, xs, ys, xq, yq };
  };
}
