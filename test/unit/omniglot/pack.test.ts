import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SOURCE,
  indexJson,
  OUT_DIR,
  packOmniglot,
  parseClassLabels,
} from '../../../scripts/pack-omniglot';
import { parseOmniglot } from '../../../src/core/omniglot';

/** A 105 × 105 gray PNG with a black square at (r, c) (pngjs writes 8-bit, not 1-bit, gray). */
function png(r: number, c: number): Uint8Array {
  const img = new PNG({ width: 105, height: 105, colorType: 0, bitDepth: 8, inputHasAlpha: false });
  img.data.fill(255);
  for (let i = r; i < r + 10; i++)
    for (let j = c; j < c + 10; j++) img.data.fill(0, 4 * (i * 105 + j), 4 * (i * 105 + j) + 3);
  return new Uint8Array(PNG.sync.write(img, { colorType: 0, bitDepth: 8, inputHasAlpha: true }));
}

const tree = (root: string, files: Record<string, Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${root}/${k}`, v])));

function sources(greekInSecond = png(0, 0)) {
  const runFiles: Record<string, Uint8Array> = {
    'run01/training/class01.png': png(50, 50),
    'run01/training/class02.png': png(60, 60),
    'run01/test/item01.png': png(70, 70),
    'run01/test/item02.png': png(80, 80),
    'run01/class_labels.txt': new TextEncoder().encode(
      'run01/test/item01.png run01/training/class02.png\n' +
        'run01/test/item02.png run01/training/class01.png\n',
    ),
  };
  return {
    background: {
      images_background_small1: tree('images_background_small1', {
        'Greek/character01/0394_01.png': png(0, 0),
        'Korean/character01/0600_02.png': png(20, 20),
        'Korean/character01/0600_01.png': png(10, 10),
      }),
      images_background_small2: tree('images_background_small2', {
        'Greek/character01/0394_01.png': greekInSecond,
        'Tagalog/character01/0890_01.png': png(30, 30),
      }),
    },
    runs: zipSync(runFiles),
  };
}

describe('pack-omniglot', () => {
  test('on small zips: sorted, Greek kept once, runs and answers, a valid index', () => {
    const { binary, index } = packOmniglot(sources());
    expect(index.alphabets).toEqual([
      { name: 'Greek', zips: ['images_background_small1', 'images_background_small2'] },
      { name: 'Korean', zips: ['images_background_small1'] },
      { name: 'Tagalog', zips: ['images_background_small2'] },
    ]);
    expect(index.characters.map((c) => [c.alphabet, c.code, c.first, c.drawers])).toEqual([
      ['Greek', '0394', 0, [1]],
      ['Korean', '0600', 1, [1, 2]],
      ['Tagalog', '0890', 3, [1]],
    ]);
    expect(index.runs).toEqual([
      {
        name: 'run01',
        training: [4, 5],
        test: [6, 7],
        answers: [1, 0],
        trainingFiles: ['training/class01.png', 'training/class02.png'],
        testFiles: ['test/item01.png', 'test/item02.png'],
      },
    ]);
    expect(index.imageCount).toBe(8);
    expect(binary.length).toBe(8 * 784);
    // Korean drawer 1 (square at 10..19) sorts before drawer 2: its ink starts in output row 2.
    expect(binary[784 + 2 * 28 + 2]).toBeGreaterThan(0);
    expect(() => parseOmniglot(JSON.parse(indexJson(index)), binary)).not.toThrow();
    // Deterministic: the same zips, the same bytes.
    const again = packOmniglot(sources());
    expect(again.index).toEqual(index);
    expect(Buffer.compare(Buffer.from(again.binary), Buffer.from(binary))).toBe(0);
  });

  test('refuses an alphabet that differs between the two background zips', () => {
    expect(() => packOmniglot(sources(png(5, 5)))).toThrow(/Greek differs/);
  });

  test('class_labels.txt parsing', () => {
    expect(parseClassLabels('run02/test/item02.png run02/training/class20.png\r\n\n')).toEqual([
      undefined,
      19,
    ]);
    expect(() => parseClassLabels('garbage')).toThrow(/unreadable/);
  });

  // The source zips live outside the repository (../shared); where they are, re-packing them must
  // give exactly the committed files.
  test.skipIf(!existsSync(DEFAULT_SOURCE))('the committed files are the packer’s output', () => {
    const read = (f: string) => new Uint8Array(readFileSync(join(DEFAULT_SOURCE, f)));
    const { binary, index } = packOmniglot({
      background: {
        images_background_small1: read('images_background_small1.zip'),
        images_background_small2: read('images_background_small2.zip'),
      },
      runs: read('all_runs.zip'),
    });
    const committed = readFileSync(join(OUT_DIR, 'omniglot-28.bin'));
    expect(Buffer.compare(Buffer.from(binary), committed)).toBe(0);
    expect(indexJson(index)).toBe(readFileSync(join(OUT_DIR, 'omniglot-28.json'), 'utf8'));
  });
});
