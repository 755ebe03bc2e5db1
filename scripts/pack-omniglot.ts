/**
 * `npm run pack:omniglot [-- SOURCE_DIR]`: turns the Omniglot zips (default ../shared/data/omniglot:
 * images_background_small1.zip, images_background_small2.zip, all_runs.zip, LICENSE) into the
 * files the app ships in data/omniglot/: omniglot-28.bin (28 × 28 uint8 images), omniglot-28.json
 * (the index), LICENSE and README.md. Deterministic: the same zips give the same bytes (no dates,
 * sorted names), which test/unit/omniglot/pack.test.ts checks when the zips are there.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import {
  BINARY_FILE,
  CITATION,
  FORMAT,
  FORMAT_VERSION,
  INDEX_FILE,
  type OmniglotCharacter,
  type OmniglotIndex,
  type OmniglotRun,
} from '../src/core/omniglot/format';
import {
  IMAGE_PIXELS,
  IMAGE_SIZE,
  preprocessGray,
  SOURCE_SIZE,
} from '../src/core/omniglot/preprocess';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE = resolve(ROOT, '../shared/data/omniglot');
export const OUT_DIR = join(ROOT, 'data/omniglot');
const BACKGROUND_ZIPS = ['images_background_small1', 'images_background_small2'] as const;
const SOURCE =
  'brendenlake/omniglot at commit 057f034baf2ecb8530bc5710e5a23584d2a519cc: ' +
  'python/images_background_small1.zip, python/images_background_small2.zip, ' +
  'python/one-shot-classification/all_runs.zip';

/** 8-bit gray pixels of a 105 × 105 PNG (pngjs expands 1-bit images to 0 / 255 RGBA). */
export function decodeGray(png: Uint8Array, what: string): Uint8Array {
  const img = PNG.sync.read(Buffer.from(png));
  if (img.width !== SOURCE_SIZE || img.height !== SOURCE_SIZE)
    throw new Error(
      `${what}: ${img.width} × ${img.height}, expected ${SOURCE_SIZE} × ${SOURCE_SIZE}`,
    );
  const gray = new Uint8Array(SOURCE_SIZE * SOURCE_SIZE);
  for (let p = 0; p < gray.length; p++) {
    const [r, g, b, a] = [0, 1, 2, 3].map((c) => img.data[4 * p + c]!);
    if (r !== g || g !== b || a !== 255) throw new Error(`${what}: not an opaque gray image`);
    gray[p] = r!;
  }
  return gray;
}

/** class_labels.txt: "runNN/test/itemTT.png runNN/training/classCC.png" → answers[TT − 1] = CC − 1. */
export function parseClassLabels(text: string): number[] {
  const answers: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /test\/item(\d+)\.png\s+\S*training\/class(\d+)\.png/.exec(line);
    if (!m) throw new Error(`class_labels.txt: unreadable line "${line}"`);
    answers[Number(m[1]) - 1] = Number(m[2]) - 1;
  }
  return answers;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Packed {
  binary: Uint8Array;
  index: OmniglotIndex;
}

/** The whole packing, from the source files' bytes (no file system: the tests call it too). */
export function packOmniglot(files: {
  background: Record<(typeof BACKGROUND_ZIPS)[number], Uint8Array>;
  runs: Uint8Array;
}): Packed {
  // alphabet → character → file name → PNG bytes, from every zip; an alphabet in both zips (Greek,
  // Latin) must be the same files with the same bytes, and is then kept once.
  const alphabets = new Map<
    string,
    { zips: string[]; chars: Map<string, Map<string, Uint8Array>> }
  >();
  for (const zip of BACKGROUND_ZIPS) {
    const fromZip = new Map<string, Map<string, Map<string, Uint8Array>>>();
    for (const [path, bytes] of Object.entries(unzipSync(files.background[zip]))) {
      if (!path.endsWith('.png')) continue;
      const [top, alphabet, character, file] = path.split('/');
      if (top !== zip || !alphabet || !character || !file) throw new Error(`unexpected ${path}`);
      const chars = fromZip.get(alphabet) ?? new Map<string, Map<string, Uint8Array>>();
      fromZip.set(alphabet, chars);
      const drawings = chars.get(character) ?? new Map<string, Uint8Array>();
      chars.set(character, drawings);
      drawings.set(file, bytes);
    }
    for (const [alphabet, chars] of fromZip) {
      const seen = alphabets.get(alphabet);
      if (!seen) {
        alphabets.set(alphabet, { zips: [zip], chars });
        continue;
      }
      if (!sameTree(seen.chars, chars))
        throw new Error(`${alphabet} differs between ${seen.zips.join(', ')} and ${zip}`);
      seen.zips.push(zip);
    }
  }

  const images: Uint8Array[] = [];
  const characters: OmniglotCharacter[] = [];
  for (const alphabet of [...alphabets.keys()].sort(byName)) {
    const { chars } = alphabets.get(alphabet)!;
    for (const name of [...chars.keys()].sort(byName)) {
      const drawings = chars.get(name)!;
      const fileNames = [...drawings.keys()].sort(byName);
      const codes = new Set(fileNames.map((f) => f.split('_')[0]!));
      if (codes.size !== 1) throw new Error(`${alphabet}/${name}: mixed character codes`);
      characters.push({
        alphabet,
        name,
        code: [...codes][0]!,
        first: images.length,
        drawers: fileNames.map((f) => Number(/_(\d+)\.png$/.exec(f)?.[1])),
      });
      for (const f of fileNames)
        images.push(preprocessGray(decodeGray(drawings.get(f)!, `${alphabet}/${name}/${f}`)));
    }
  }

  const runEntries = unzipSync(files.runs);
  const runNames = [...new Set(Object.keys(runEntries).map((p) => p.split('/')[0]!))]
    .filter((n) => /^run\d+$/.test(n))
    .sort(byName);
  const runs: OmniglotRun[] = runNames.map((name) => {
    const files = (dir: string) =>
      Object.keys(runEntries)
        .filter((p) => p.startsWith(`${name}/${dir}/`) && p.endsWith('.png'))
        .sort(byName);
    const pngs = (paths: string[]) =>
      paths.map((p) => {
        images.push(preprocessGray(decodeGray(runEntries[p]!, p)));
        return images.length - 1;
      });
    const trainingFiles = files('training');
    const testFiles = files('test');
    const labels = runEntries[`${name}/class_labels.txt`];
    if (!labels) throw new Error(`${name}: no class_labels.txt`);
    return {
      name,
      training: pngs(trainingFiles),
      test: pngs(testFiles),
      answers: parseClassLabels(new TextDecoder().decode(labels)),
      trainingFiles: trainingFiles.map((p) => p.slice(name.length + 1)),
      testFiles: testFiles.map((p) => p.slice(name.length + 1)),
    };
  });

  const binary = new Uint8Array(images.length * IMAGE_PIXELS);
  images.forEach((im, i) => binary.set(im, i * IMAGE_PIXELS));
  const index: OmniglotIndex = {
    format: FORMAT,
    version: FORMAT_VERSION,
    size: IMAGE_SIZE,
    imageCount: images.length,
    sha256: createHash('sha256').update(binary).digest('hex'),
    source: SOURCE,
    license: 'MIT (LICENSE beside this file), © 2015 Brenden Lake',
    citation: CITATION,
    alphabets: [...alphabets.keys()]
      .sort(byName)
      .map((name) => ({ name, zips: alphabets.get(name)!.zips })),
    characters,
    runs,
  };
  return { binary, index };
}

function sameTree(
  a: Map<string, Map<string, Uint8Array>>,
  b: Map<string, Map<string, Uint8Array>>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [name, da] of a) {
    const db = b.get(name);
    if (!db || db.size !== da.size) return false;
    for (const [f, bytes] of da) {
      const other = db.get(f);
      if (!other || Buffer.compare(Buffer.from(bytes), Buffer.from(other)) !== 0) return false;
    }
  }
  return true;
}

/** The index as JSON with one character or run per line: small, and readable in a diff. */
export function indexJson(index: OmniglotIndex): string {
  const { alphabets, characters, runs, ...head } = index;
  const list = (xs: unknown[]) =>
    `[\n${xs.map((x) => '    ' + JSON.stringify(x)).join(',\n')}\n  ]`;
  const top = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return (
    `{\n${top.join(',\n')},\n  "alphabets": ${list(alphabets)},\n` +
    `  "characters": ${list(characters)},\n  "runs": ${list(runs)}\n}\n`
  );
}

const DATA_README = `# Omniglot, 28 × 28 (written by \`npm run pack:omniglot\`; do not edit)

Handwritten characters from Omniglot. License: MIT (\`LICENSE\`, copied from the source). Cite
the paper wherever the data is used or shown:

> ${CITATION}.

- \`${BINARY_FILE}\`: the images one after another, 784 bytes each (28 rows of 28, row-major, no
  header); byte = round(255 · ink), ink 1 = stroke, 0 = paper: 1 − pixel/255 of the 105 × 105 PNG,
  box-filtered to 28 × 28 by exact area coverage (src/core/omniglot/preprocess.ts).
- \`${INDEX_FILE}\`: alphabets, characters (alphabet, folder name, code, first image, drawer of each
  image) and the 20 official one-shot runs (image numbers and source files of the training and test
  images, and the answers of class_labels.txt, 0-based), and the binary's SHA-256.

Source: ${SOURCE.replace(': ', ':\n')}.

The project's README ("Omniglot data") gives the meta-learning protocol.
`;

function main() {
  const source = resolve(process.argv[2] ?? DEFAULT_SOURCE);
  const read = (f: string) => new Uint8Array(readFileSync(join(source, f)));
  const t0 = performance.now();
  const { binary, index } = packOmniglot({
    background: {
      images_background_small1: read('images_background_small1.zip'),
      images_background_small2: read('images_background_small2.zip'),
    },
    runs: read('all_runs.zip'),
  });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, BINARY_FILE), binary);
  writeFileSync(join(OUT_DIR, INDEX_FILE), indexJson(index));
  writeFileSync(join(OUT_DIR, 'LICENSE'), read('LICENSE'));
  writeFileSync(join(OUT_DIR, 'README.md'), DATA_README);
  const chars = index.characters.length;
  console.log(
    `${index.alphabets.length} alphabets, ${chars} characters, ${index.imageCount} images ` +
      `(${index.runs.length} runs), ${binary.length} bytes → ${OUT_DIR} ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
