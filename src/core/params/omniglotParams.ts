import { choice, int } from './spec';

const N = ['nonlinear'] as const;
const OG = 'Omniglot sample task';

/** The Omniglot sample-task panel (nonlinear view): which task it draws. */
export const omniglotParams = {
  ogSplit: choice('ogSplit', {
    label: 'characters',
    help: 'Draw the task from the meta-test characters (Tagalog, Early_Aramaic) or the meta-train classes (other alphabets, 4 rotations)',
    default: 'test',
    options: ['test', 'train'] as const,
    optionLabels: { test: 'meta-test', train: 'meta-train' },
    views: N,
    group: OG,
  }),
  ogQueries: int('ogQueries', {
    label: 'queries per class',
    help: 'Query images shown per class (the protocol trains with 5 and evaluates with 15)',
    default: 3,
    min: 1,
    max: 5,
    step: 1,
    views: N,
    group: OG,
  }),
  ogSeed: int('ogSeed', {
    label: 'task seed',
    help: 'Seed of the sample task ("new task" adds one)',
    default: 1,
    min: 0,
    max: 2147483647,
    step: 1,
    views: N,
    group: OG,
  }),
};
