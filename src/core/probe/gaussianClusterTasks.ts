/**
 * A synthetic few-shot classification family for the feature-reuse probe (Starshak §4), generated
 * in code (no downloaded data set). Each class c has a centre μ_c ~ N(0, I) in a `signalDim`
 * subspace; a point of class c is x = [μ_c + spread·ε, nuisance·η] with ε, η standard normal. The
 * nuisance coordinates are the same for every class, so a good embedding for ANY task suppresses
 * them: a task-agnostic ("universal") feature that meta-training can learn. Meta-training and
 * evaluation use disjoint class pools (as Mini-ImageNet's class splits).
 */
import type { Rng } from '../rng';
import type { TaskBatch } from '../metaSgd/metaTaskSamplers';

export interface ClusterFamily {
  signalDim: number;
  nuisanceDim: number;
  spread: number;
  nuisance: number;
  trainClasses: number;
  testClasses: number;
  ways: number;
  shots: number;
  /** Query points per class. */
  queries: number;
}

export const DEFAULT_CLUSTERS: ClusterFamily = {
  signalDim: 8,
  nuisanceDim: 24,
  spread: 0.6,
  nuisance: 1,
  trainClasses: 64,
  testClasses: 32,
  ways: 5,
  shots: 1,
  queries: 10,
};

export interface ClassBank {
  family: ClusterFamily;
  /** Centres, class-major [classes × signalDim]; train classes first, then test classes. */
  centres: Float64Array;
}

export function createClassBank(rng: Rng, family: ClusterFamily): ClassBank {
  const n = family.trainClasses + family.testClasses;
  return { family, centres: rng.fillNormal(new Float64Array(n * family.signalDim)) };
}

export const inputDim = (f: ClusterFamily) => f.signalDim + f.nuisanceDim;

/** `ways` distinct classes from the train or test pool (partial Fisher–Yates). */
export function pickClasses(
  rng: Rng,
  bank: ClassBank,
  pool: 'train' | 'test',
  exclude: number[] = [],
) {
  const f = bank.family;
  const base = pool === 'train' ? 0 : f.trainClasses;
  const size = pool === 'train' ? f.trainClasses : f.testClasses;
  const ids = Array.from({ length: size }, (_, i) => base + i).filter((c) => !exclude.includes(c));
  for (let i = 0; i < f.ways; i++) {
    const j = i + Math.floor(rng.uniform() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, f.ways);
}

function writePoint(rng: Rng, bank: ClassBank, cls: number, x: Float32Array, off: number) {
  const f = bank.family;
  for (let j = 0; j < f.signalDim; j++)
    x[off + j] = bank.centres[cls * f.signalDim + j] + f.spread * rng.normal();
  for (let j = 0; j < f.nuisanceDim; j++) x[off + f.signalDim + j] = f.nuisance * rng.normal();
}

/**
 * Tasks as a TaskBatch with one-hot labels (label k = position of the class in `classes`);
 * support = ways·shots points, query = ways·queries points, both class-major.
 */
export function fewShotBatch(rng: Rng, bank: ClassBank, classSets: number[][]): TaskBatch {
  const f = bank.family;
  const d = inputDim(f);
  const tasks = classSets.length;
  const support = f.ways * f.shots;
  const query = f.ways * f.queries;
  const xs = new Float32Array(tasks * support * d);
  const ys = new Float32Array(tasks * support * f.ways);
  const xq = new Float32Array(tasks * query * d);
  const yq = new Float32Array(tasks * query * f.ways);
  classSets.forEach((classes, t) => {
    classes.forEach((cls, k) => {
      for (let s = 0; s < f.shots; s++) {
        const i = t * support + k * f.shots + s;
        writePoint(rng, bank, cls, xs, i * d);
        ys[i * f.ways + k] = 1;
      }
      for (let q = 0; q < f.queries; q++) {
        const i = t * query + k * f.queries + q;
        writePoint(rng, bank, cls, xq, i * d);
        yq[i * f.ways + k] = 1;
      }
    });
  });
  return { tasks, support, query, inDim: d, outDim: f.ways, xs, ys, xq, yq };
}

/** A TaskSampler over the training classes (support/query sizes come from the family). */
export function clusterTaskSampler(bank: ClassBank) {
  return (rng: Rng, tasks: number) =>
    fewShotBatch(
      rng,
      bank,
      Array.from({ length: tasks }, () => pickClasses(rng, bank, 'train')),
    );
}
