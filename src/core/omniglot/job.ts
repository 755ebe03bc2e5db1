/**
 * The sample-task panel's job: draw one seeded N-way K-shot task and return its images, so a
 * student sees what a "5-way 1-shot task" is. Runs in the light pure worker (no tfjs), which loads
 * the shipped data on the first such job only (src/worker/omniglotData.ts).
 */
import type { JobRunner } from '../jobs/context';
import type { JobSpec } from '../jobs/spec';
import type { Params } from '../params';
import { createRng } from '../rng';
import type { OmniglotData } from './format';
import { imageAt, type Rotation } from './images';
import { protocolSplit, type Split } from './protocol';
import { sampleTask, type TaskImage } from './tasks';

export interface OmniglotTaskJob {
  split: Split;
  way: number;
  shot: number;
  queries: number;
  seed: number;
}

export interface OmniglotTaskPartial {
  stage: 'loading data' | 'sampling';
}

export interface ShownImage {
  label: number;
  /** Stored image number in the shipped binary (before rotation). */
  image: number;
  alphabet: string;
  /** Folder name of the character (character01, …). */
  character: string;
  drawer: number;
  rotation: Rotation;
  /** 28 × 28 bytes, rotated as the task uses it (0 paper … 255 stroke). */
  pixels: Uint8Array;
}

export interface OmniglotTaskResult extends OmniglotTaskJob {
  classes: { alphabet: string; character: string; rotation: Rotation }[];
  support: ShownImage[];
  query: ShownImage[];
  /** Sizes of the split the task was drawn from, for the explanation. */
  splitClasses: number;
  splitCharacters: number;
}

/** Stream of the link's seed for these tasks (other Omniglot draws use other streams). */
const TASK_STREAM = 0x0e7a2;

export const omniglotTaskJob = (p: Params): OmniglotTaskJob => ({
  split: p.ogSplit,
  way: 5,
  shot: 1,
  queries: p.ogQueries,
  seed: p.ogSeed,
});

export const omniglotTaskSpec: JobSpec<OmniglotTaskJob, OmniglotTaskPartial, OmniglotTaskResult> = {
  name: 'omniglot-task',
  lane: 'omniglot-task',
  worker: 'pure',
  // Drawing a task is instant once the data is loaded; the 4 MB load happens on the first one.
  start: 'auto',
  views: ['nonlinear'],
  fromParams: omniglotTaskJob,
  progress: (s) => ({ done: s.stage === 'sampling' ? 1 : 0, total: 2, phase: s.stage }),
};

/** The task of `job` drawn from `data` (the runner without the loading; the CLI and tests call it). */
export function drawOmniglotTask(data: OmniglotData, job: OmniglotTaskJob): OmniglotTaskResult {
  const { index } = data;
  const split = protocolSplit(index);
  const classes = job.split === 'train' ? split.metaTrain : split.metaTest;
  const task = sampleTask(index, classes, job, createRng(job.seed, TASK_STREAM));
  const show = (im: TaskImage): ShownImage => {
    const ch = index.characters[task.classes[im.label]!.character]!;
    return {
      label: im.label,
      image: im.image,
      alphabet: ch.alphabet,
      character: ch.name,
      drawer: ch.drawers[im.image - ch.first]!,
      rotation: im.rotation,
      pixels: imageAt(data, im.image, im.rotation),
    };
  };
  return {
    ...job,
    classes: task.classes.map((c) => ({
      alphabet: index.characters[c.character]!.alphabet,
      character: index.characters[c.character]!.name,
      rotation: c.rotation,
    })),
    support: task.support.map(show),
    query: task.query.map(show),
    splitClasses: classes.length,
    splitCharacters: new Set(classes.map((c) => c.character)).size,
  };
}

/** The task as the CLI and the page's export write it: every image named, without its pixels. */
export type OmniglotTaskSection = Omit<OmniglotTaskResult, 'support' | 'query'> & {
  support: Omit<ShownImage, 'pixels'>[];
  query: Omit<ShownImage, 'pixels'>[];
};

const unpixelled = ({ pixels: _pixels, ...im }: ShownImage) => im;

export const omniglotTaskSection = (r: OmniglotTaskResult): OmniglotTaskSection => ({
  ...r,
  support: r.support.map(unpixelled),
  query: r.query.map(unpixelled),
});

export const omniglotTaskRunner =
  (
    load: () => Promise<OmniglotData>,
  ): JobRunner<OmniglotTaskJob, OmniglotTaskPartial, OmniglotTaskResult> =>
  async (job, ctx) => {
    ctx.progress({ stage: 'loading data' });
    const data = await load();
    await ctx.checkpoint();
    ctx.progress({ stage: 'sampling' });
    return drawOmniglotTask(data, job);
  };
