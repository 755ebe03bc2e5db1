/**
 * The shipped Omniglot files (data/omniglot/, written by scripts/pack-omniglot.ts): a binary of
 * 28 × 28 uint8 images, one after another (byte = round(255·ink), ink 1 = stroke, row-major, no
 * header), and a JSON index naming every image. This module validates the two; it does no I/O
 * (load.ts takes a reader, so the worker fetches and Node reads from disk).
 */
import { IMAGE_PIXELS, IMAGE_SIZE } from './preprocess';

export const INDEX_FILE = 'omniglot-28.json';
export const BINARY_FILE = 'omniglot-28.bin';
export const FORMAT = 'omniglot-28';
export const FORMAT_VERSION = 1;

export const CITATION =
  'B. M. Lake, R. Salakhutdinov & J. B. Tenenbaum, “Human-level concept learning through ' +
  'probabilistic program induction”, Science 350(6266), 1332–1338 (2015)';
export const LICENSE_LINE = 'Omniglot data: MIT license, © 2015 Brenden Lake';

/** One character: its drawings are images first … first + drawers.length − 1 of the binary. */
export interface OmniglotCharacter {
  alphabet: string;
  /** Folder name in the source zip (character01, …). */
  name: string;
  /** The source file names' prefix (e.g. "0108"): the character's number in the full data set. */
  code: string;
  first: number;
  /** Drawer number of each image (the source file names' suffix, 1…20). */
  drawers: number[];
}

/** One of the 20 official 20-way one-shot runs (all_runs.zip), as image indices of the binary. */
export interface OmniglotRun {
  name: string;
  /** The 20 one-shot training images, class01 … class20. */
  training: number[];
  /** The 20 test images, item01 … item20. */
  test: number[];
  /** answers[t]: the 0-based training class of test item t (class_labels.txt). */
  answers: number[];
  /** Source file of each training and test image, inside runNN/ of all_runs.zip. */
  trainingFiles: string[];
  testFiles: string[];
}

export interface OmniglotIndex {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  size: typeof IMAGE_SIZE;
  imageCount: number;
  /** SHA-256 of the binary, hex (checked by the unit tests; the page only checks the length). */
  sha256: string;
  source: string;
  license: string;
  citation: string;
  alphabets: { name: string; zips: string[] }[];
  characters: OmniglotCharacter[];
  runs: OmniglotRun[];
}

export interface OmniglotData {
  index: OmniglotIndex;
  /** imageCount × 784 bytes. */
  pixels: Uint8Array;
}

const fail = (why: string): never => {
  throw new Error(`Omniglot index: ${why}`);
};
const isIntArray = (a: unknown): a is number[] =>
  Array.isArray(a) && a.every((x) => Number.isInteger(x));

/**
 * Checks the index's shape and that every image it names lies inside `pixels`, so a truncated or
 * mismatched download fails here with a clear message, not in a task later.
 */
export function parseOmniglot(index: unknown, pixels: Uint8Array): OmniglotData {
  const ix = index as OmniglotIndex;
  if (!ix || typeof ix !== 'object') fail('not an object');
  if (ix.format !== FORMAT || ix.version !== FORMAT_VERSION)
    fail(`expected ${FORMAT} v${FORMAT_VERSION}, got ${String(ix.format)} v${String(ix.version)}`);
  if (ix.size !== IMAGE_SIZE) fail(`expected ${IMAGE_SIZE} × ${IMAGE_SIZE} images`);
  if (!Number.isInteger(ix.imageCount) || ix.imageCount <= 0) fail('bad imageCount');
  if (pixels.length !== ix.imageCount * IMAGE_PIXELS)
    fail(`binary has ${pixels.length} bytes, expected ${ix.imageCount} × ${IMAGE_PIXELS}`);
  const inRange = (i: number) => i >= 0 && i < ix.imageCount;
  if (!Array.isArray(ix.characters) || !Array.isArray(ix.runs) || !Array.isArray(ix.alphabets))
    fail('missing alphabets, characters or runs');
  for (const c of ix.characters) {
    if (typeof c.alphabet !== 'string' || typeof c.name !== 'string' || !isIntArray(c.drawers))
      fail('bad character entry');
    if (!inRange(c.first) || !inRange(c.first + c.drawers.length - 1))
      fail(`${c.alphabet}/${c.name}: images outside the binary`);
  }
  for (const r of ix.runs) {
    const n = r.training?.length;
    if (!isIntArray(r.training) || !isIntArray(r.test) || !isIntArray(r.answers))
      fail(`${r.name}: bad run entry`);
    if (r.trainingFiles?.length !== n || r.testFiles?.length !== r.test.length)
      fail(`${r.name}: file lists do not match its images`);
    if (r.answers.length !== r.test.length || r.answers.some((a) => a < 0 || a >= n))
      fail(`${r.name}: answers do not match its classes`);
    if (![...r.training, ...r.test].every(inRange)) fail(`${r.name}: images outside the binary`);
  }
  return { index: ix, pixels };
}

/** Image `i`'s 784 bytes (a view into the binary, not a copy). */
export const imageBytes = (d: OmniglotData, i: number): Uint8Array =>
  d.pixels.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
