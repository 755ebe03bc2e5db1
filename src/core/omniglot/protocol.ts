/**
 * The Omniglot protocol of this project (README, "Omniglot data"), used exactly:
 * - meta-test: every character of the alphabets Tagalog and Early_Aramaic (17 + 22 = 39), unrotated;
 * - meta-train: every character of the other six alphabets, each × rotations 0/90/180/270 as four
 *   separate classes (203 × 4 = 812 classes);
 * - evaluation: a fixed seeded set of 600 5-way 1-shot tasks on the meta-test characters with 15
 *   queries per class (tasks.ts), and 20-way 1-shot on the 20 official runs (runs.ts).
 * Greek and Latin, in both background zips, were deduplicated by the packer (one copy each).
 */
import type { OmniglotIndex } from './format';
import { ROTATIONS, type Rotation } from './images';

export const META_TEST_ALPHABETS: readonly string[] = ['Tagalog', 'Early_Aramaic'];

/** A class of a task: a character (index into index.characters) at one rotation. */
export interface OmniglotClass {
  character: number;
  rotation: Rotation;
}

export type Split = 'train' | 'test';

export interface ProtocolSplit {
  metaTrain: OmniglotClass[];
  metaTest: OmniglotClass[];
}

export function protocolSplit(index: OmniglotIndex): ProtocolSplit {
  const metaTrain: OmniglotClass[] = [];
  const metaTest: OmniglotClass[] = [];
  index.characters.forEach((c, character) => {
    if (META_TEST_ALPHABETS.includes(c.alphabet)) metaTest.push({ character, rotation: 0 });
    else for (const rotation of ROTATIONS) metaTrain.push({ character, rotation });
  });
  return { metaTrain, metaTest };
}

export const splitClasses = (index: OmniglotIndex, split: Split): OmniglotClass[] =>
  split === 'train' ? protocolSplit(index).metaTrain : protocolSplit(index).metaTest;
