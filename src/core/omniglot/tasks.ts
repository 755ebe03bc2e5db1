/**
 * Seeded N-way K-shot tasks. A task picks N distinct classes, then for each class K + Q distinct
 * drawings (drawers) of its character: the first K are the support set, the other Q the queries.
 * Labels are the classes' positions 0 … N − 1 in the task, so a task says nothing about which
 * characters it holds beyond its `classes` list.
 */
import { createRng, type Rng } from '../rng';
import type { OmniglotIndex } from './format';
import type { Rotation } from './images';
import { protocolSplit, type OmniglotClass } from './protocol';

export interface TaskShape {
  way: number;
  shot: number;
  /** Query images per class. */
  queries: number;
}

/** One image of a task: which stored image, turned how far, and its label in the task. */
export interface TaskImage {
  image: number;
  rotation: Rotation;
  label: number;
}

/** A classification episode: support and query images, class-major (label 0's first). */
export interface Episode {
  way: number;
  support: TaskImage[];
  query: TaskImage[];
}

export interface Task extends Episode {
  classes: OmniglotClass[];
}

/** k distinct integers of 0 … n − 1 in random order (a partial Fisher–Yates shuffle). */
export function sampleDistinct(n: number, k: number, rng: Rng): number[] {
  if (k > n) throw new Error(`cannot pick ${k} distinct of ${n}`);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.min(n - i - 1, Math.floor(rng.uniform() * (n - i)));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export function sampleTask(
  index: OmniglotIndex,
  classes: readonly OmniglotClass[],
  shape: TaskShape,
  rng: Rng,
): Task {
  const { way, shot, queries } = shape;
  const picked = sampleDistinct(classes.length, way, rng).map((i) => classes[i]!);
  const support: TaskImage[] = [];
  const query: TaskImage[] = [];
  picked.forEach((cls, label) => {
    const ch = index.characters[cls.character]!;
    const drawings = sampleDistinct(ch.drawers.length, shot + queries, rng);
    drawings.forEach((d, n) =>
      (n < shot ? support : query).push({ image: ch.first + d, rotation: cls.rotation, label }),
    );
  });
  return { way, classes: picked, support, query };
}

/** The fixed evaluation set of the protocol: 5-way 1-shot, 15 queries per class, meta-test only. */
export const EVAL_TASKS = 600;
export const EVAL_SHAPE: TaskShape = { way: 5, shot: 1, queries: 15 };
/** Seed and stream of the evaluation set: fixed forever, so every run scores the same tasks. */
export const EVAL_SEED = 2015;
const EVAL_STREAM = 0x0e7a1;

export function evaluationTasks(index: OmniglotIndex, count = EVAL_TASKS): Task[] {
  const rng = createRng(EVAL_SEED, EVAL_STREAM);
  const { metaTest } = protocolSplit(index);
  return Array.from({ length: count }, () => sampleTask(index, metaTest, EVAL_SHAPE, rng));
}
