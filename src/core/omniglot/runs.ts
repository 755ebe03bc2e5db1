/**
 * The 20 official 20-way one-shot runs of Lake et al. (all_runs.zip), as episodes: the 20 training
 * images are the support set (label = class number − 1) and the 20 test items the queries, labelled
 * by class_labels.txt. Their characters come from the evaluation alphabets, which are in neither
 * background zip, so no meta-train or meta-test character appears in them.
 */
import type { OmniglotIndex } from './format';
import type { Episode } from './tasks';

export const OFFICIAL_RUNS = 20;

export function officialRuns(index: OmniglotIndex): (Episode & { name: string })[] {
  return index.runs.map((r) => ({
    name: r.name,
    way: r.training.length,
    support: r.training.map((image, label) => ({ image, rotation: 0, label })),
    query: r.test.map((image, t) => ({ image, rotation: 0, label: r.answers[t]! })),
  }));
}
