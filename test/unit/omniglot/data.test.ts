import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OMNIGLOT_DIR } from '../../../src/compute/omniglot/nodeData';
import {
  BINARY_FILE,
  IMAGE_PIXELS,
  imageBytes,
  officialRuns,
  OFFICIAL_RUNS,
  parseOmniglot,
  type OmniglotData,
} from '../../../src/core/omniglot';
import { FIXTURES, referenceImage, shipped } from './helpers';

const ALPHABETS: Record<string, number> = {
  Balinese: 24,
  Early_Aramaic: 22,
  Greek: 24,
  'Japanese_(katakana)': 47,
  Korean: 40,
  Latin: 26,
  Sanskrit: 42,
  Tagalog: 17,
};

const find = (d: OmniglotData, alphabet: string, name: string, drawer: number) => {
  const c = d.index.characters.find((c) => c.alphabet === alphabet && c.name === name)!;
  return c.first + c.drawers.indexOf(drawer);
};

describe('the shipped Omniglot files (data/omniglot)', () => {
  test('size, checksum and license', async () => {
    const { index } = await shipped();
    const bytes = readFileSync(join(OMNIGLOT_DIR, BINARY_FILE));
    expect(bytes.length).toBe(5640 * 784);
    expect(statSync(join(OMNIGLOT_DIR, BINARY_FILE)).size).toBeLessThan(5 * 1024 * 1024);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(index.sha256);
    expect(readFileSync(join(OMNIGLOT_DIR, 'LICENSE'), 'utf8')).toMatch(
      /MIT License[\s\S]*Brenden Lake/,
    );
    expect(index.citation).toMatch(/Lake.*Salakhutdinov.*Tenenbaum.*Science.*2015/);
  });

  test('8 alphabets, 242 characters, 4,840 background images (Greek and Latin once)', async () => {
    const { index } = await shipped();
    expect(index.alphabets.map((a) => a.name)).toEqual(Object.keys(ALPHABETS));
    const perAlphabet: Record<string, number> = {};
    for (const c of index.characters) perAlphabet[c.alphabet] = (perAlphabet[c.alphabet] ?? 0) + 1;
    expect(perAlphabet).toEqual(ALPHABETS);
    expect(index.characters).toHaveLength(242);
    const keys = new Set(index.characters.map((c) => `${c.alphabet}/${c.name}`));
    expect(keys.size).toBe(242);
    // Each character's 20 drawings are contiguous, in order, and together cover images 0…4839.
    index.characters.forEach((c, i) => {
      expect(c.first).toBe(20 * i);
      expect(c.drawers).toEqual(Array.from({ length: 20 }, (_, d) => d + 1));
    });
    expect(index.characters.reduce((n, c) => n + c.drawers.length, 0)).toBe(4840);
    expect(index.imageCount).toBe(4840 + 20 * 40);
    for (const a of ['Greek', 'Latin'])
      expect(index.alphabets.find((x) => x.name === a)!.zips).toHaveLength(2);
  });

  test('shapes and values: 784 bytes per image, quantized area averages of a 1-bit image', async () => {
    const d = await shipped();
    expect(d.pixels.length).toBe(d.index.imageCount * IMAGE_PIXELS);
    // A 1-bit source makes every output n/225 (n = 0…225 covered quarter-pixels): the stored byte
    // is round(255·n/225), so only these 226 levels may occur.
    const levels = new Set(Array.from({ length: 226 }, (_, n) => Math.round((255 * n) / 225)));
    const seen = new Set(d.pixels);
    for (const v of seen) expect(levels.has(v)).toBe(true);
    expect(seen.has(0) && seen.has(255)).toBe(true);
    for (let i = 0; i < d.index.imageCount; i++) {
      const im = imageBytes(d, i);
      let ink = 0;
      for (const v of im) ink += v / 255;
      // Every image has strokes and is mostly paper (strokes = 1, background = 0).
      expect(ink / IMAGE_PIXELS).toBeGreaterThan(0.01);
      expect(ink / IMAGE_PIXELS).toBeLessThan(0.5);
    }
  });

  test.each([
    ['Tagalog_character03_0895_02.png', 'Tagalog', 'character03', 2],
    ['Korean_character40_0682_20.png', 'Korean', 'character40', 20],
  ])('%s equals an independent decode and box filter of the source PNG', async (f, a, c, dr) => {
    const d = await shipped();
    const shippedImage = imageBytes(d, find(d, a, c, dr));
    const ref = referenceImage(f);
    for (let p = 0; p < IMAGE_PIXELS; p++) {
      expect(Math.abs(shippedImage[p]! / 255 - ref[p]!)).toBeLessThanOrEqual(1 / 510 + 1e-12);
      expect(shippedImage[p]).toBe(Math.round(255 * ref[p]!));
    }
  });

  test('the 20 official runs: 20 + 20 images each, the answers of class_labels.txt', async () => {
    const d = await shipped();
    const runs = officialRuns(d.index);
    expect(runs).toHaveLength(OFFICIAL_RUNS);
    const two = (k: number) => String(k + 1).padStart(2, '0');
    d.index.runs.forEach((r) => {
      expect(r.trainingFiles).toEqual(r.training.map((_, k) => `training/class${two(k)}.png`));
      expect(r.testFiles).toEqual(r.test.map((_, k) => `test/item${two(k)}.png`));
    });
    runs.forEach((r, i) => {
      expect(r.name).toBe(`run${two(i)}`);
      expect(r.way).toBe(20);
      expect(r.support.map((s) => s.label)).toEqual(Array.from({ length: 20 }, (_, k) => k));
      // Each training class is the answer of exactly one test item.
      expect([...r.query.map((q) => q.label)].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, k) => k),
      );
      // Run images come after the 4,840 background images and are not shared between runs.
      for (const im of [...r.support, ...r.query]) {
        expect(im.image).toBeGreaterThanOrEqual(4840 + 40 * i);
        expect(im.image).toBeLessThan(4840 + 40 * (i + 1));
      }
    });
    // run01's answers, read here from the fixture copy of its class_labels.txt.
    const lines = readFileSync(join(FIXTURES, 'run01_class_labels.txt'), 'utf8').trim().split('\n');
    const expected = lines.map((l) => Number(l.trim().split(/\s+/)[1]!.slice(-6, -4)) - 1);
    expect(runs[0]!.query.map((q) => q.label)).toEqual(expected);
    expect(expected.slice(0, 5)).toEqual([7, 8, 1, 18, 9]);
    // A run image against its source PNG: run01/training/class08.png.
    const img = imageBytes(d, runs[0]!.support[7]!.image);
    const ref = referenceImage('run01_training_class08.png');
    for (let p = 0; p < IMAGE_PIXELS; p++) expect(img[p]).toBe(Math.round(255 * ref[p]!));
  });

  test('a truncated binary or a foreign index is refused with a clear message', async () => {
    const d = await shipped();
    expect(() => parseOmniglot(d.index, d.pixels.subarray(0, 1000))).toThrow(/1000 bytes/);
    expect(() => parseOmniglot({ ...d.index, format: 'other' }, d.pixels)).toThrow(/expected/);
    const badRun = { ...d.index.runs[0]!, answers: [25] };
    expect(() => parseOmniglot({ ...d.index, runs: [badRun] }, d.pixels)).toThrow(/answers/);
  });
});
