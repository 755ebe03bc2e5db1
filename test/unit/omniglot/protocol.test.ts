import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  EVAL_TASKS,
  evaluationTasks,
  imageAt,
  imageBytes,
  imagesAsFloat,
  META_TEST_ALPHABETS,
  protocolSplit,
  rotate,
  sampleDistinct,
  sampleTask,
  type Rotation,
  type Task,
  type TaskShape,
} from '../../../src/core/omniglot';
import type { OmniglotIndex } from '../../../src/core/omniglot';
import { shipped } from './helpers';

describe('protocol split', () => {
  test('meta-test: Tagalog 17 + Early_Aramaic 22 = 39 characters, unrotated', async () => {
    const { index } = await shipped();
    const { metaTest } = protocolSplit(index);
    expect(metaTest).toHaveLength(39);
    expect(metaTest.every((c) => c.rotation === 0)).toBe(true);
    const count = (a: string) =>
      metaTest.filter((c) => index.characters[c.character]!.alphabet === a).length;
    expect([count('Tagalog'), count('Early_Aramaic')]).toEqual([17, 22]);
    expect(META_TEST_ALPHABETS).toEqual(['Tagalog', 'Early_Aramaic']);
  });

  test('meta-train: the other six alphabets, 203 characters × 4 rotations = 812 classes', async () => {
    const { index } = await shipped();
    const { metaTrain, metaTest } = protocolSplit(index);
    expect(metaTrain).toHaveLength(812);
    const chars = new Set(metaTrain.map((c) => c.character));
    expect(chars.size).toBe(203);
    for (const ch of chars)
      expect(metaTrain.filter((c) => c.character === ch).map((c) => c.rotation)).toEqual([
        0, 1, 2, 3,
      ]);
    for (const c of metaTest) expect(chars.has(c.character)).toBe(false);
    const alphabets = new Set([...chars].map((c) => index.characters[c]!.alphabet));
    expect([...alphabets].sort()).toEqual(
      ['Balinese', 'Greek', 'Japanese_(katakana)', 'Korean', 'Latin', 'Sanskrit'].sort(),
    );
  });
});

describe('rotation', () => {
  // 3 × 3 with distinct values: numpy.rot90([[0,1,2],[3,4,5],[6,7,8]]) = [[2,5,8],[1,4,7],[0,3,6]].
  const a = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  test('one quarter turn counter-clockwise, as numpy.rot90', () => {
    expect([...rotate(a, 1, 3)]).toEqual([2, 5, 8, 1, 4, 7, 0, 3, 6]);
    expect([...rotate(a, 2, 3)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect([...rotate(a, 3, 3)]).toEqual([6, 3, 0, 7, 4, 1, 8, 5, 2]);
    expect([...rotate(a, 0, 3)]).toEqual([...a]);
  });

  test('on a stored image: four turns are the identity, turns compose, ink is kept', async () => {
    const d = await shipped();
    const im = imageBytes(d, 123);
    let r = im.slice();
    for (let k = 0; k < 4; k++) r = rotate(r, 1);
    expect([...r]).toEqual([...im]);
    expect([...rotate(rotate(im, 1), 2)]).toEqual([...imageAt(d, 123, 3)]);
    expect([...imageAt(d, 123, 2)]).toEqual([...im].reverse());
    // The top-right pixel of the original is the top-left one after one turn.
    for (let i = 0; i < 28; i++)
      for (let j = 0; j < 28; j++) expect(imageAt(d, 123, 1)[i * 28 + j]).toBe(im[j * 28 + 27 - i]);
    const f = imagesAsFloat(d, [{ image: 123, rotation: 1 as Rotation }]);
    expect(f.length).toBe(784);
    expect(Math.max(...f)).toBeLessThanOrEqual(1);
    expect(f[5 * 28 + 7]).toBeCloseTo(imageAt(d, 123, 1)[5 * 28 + 7]! / 255, 6);
  });
});

function checkTask(index: OmniglotIndex, t: Task, shape: TaskShape) {
  expect(t.classes).toHaveLength(shape.way);
  expect(new Set(t.classes.map((c) => `${c.character}/${c.rotation}`)).size).toBe(shape.way);
  expect(t.support).toHaveLength(shape.way * shape.shot);
  expect(t.query).toHaveLength(shape.way * shape.queries);
  // Class-major labels; every image is a drawing of its class's character, at its rotation.
  expect(t.support.map((s) => s.label)).toEqual(
    Array.from({ length: shape.way * shape.shot }, (_, i) => Math.floor(i / shape.shot)),
  );
  expect(t.query.map((s) => s.label)).toEqual(
    Array.from({ length: shape.way * shape.queries }, (_, i) => Math.floor(i / shape.queries)),
  );
  for (const im of [...t.support, ...t.query]) {
    const cls = t.classes[im.label]!;
    const ch = index.characters[cls.character]!;
    expect(im.image).toBeGreaterThanOrEqual(ch.first);
    expect(im.image).toBeLessThan(ch.first + ch.drawers.length);
    expect(im.rotation).toBe(cls.rotation);
  }
  // No image (a drawing at a rotation) is used twice: support and queries are disjoint. The same
  // drawing may appear at two rotations, which are two classes of the meta-train set.
  const key = (im: { image: number; rotation: number }) => `${im.image}@${im.rotation}`;
  const all = [...t.support, ...t.query].map(key);
  expect(new Set(all).size).toBe(all.length);
}

describe('task sampler', () => {
  test('N-way K-shot on meta-train and meta-test: right counts, distinct classes, disjoint sets', async () => {
    const { index } = await shipped();
    const { metaTrain, metaTest } = protocolSplit(index);
    const rng = createRng(7);
    for (const shape of [
      { way: 5, shot: 1, queries: 5 },
      { way: 20, shot: 1, queries: 5 },
      { way: 5, shot: 5, queries: 15 },
      { way: 39, shot: 1, queries: 19 },
    ])
      for (let n = 0; n < 20; n++) {
        checkTask(index, sampleTask(index, metaTrain, shape, rng), shape);
        checkTask(index, sampleTask(index, metaTest, shape, rng), shape);
      }
    expect(() => sampleTask(index, metaTest, { way: 40, shot: 1, queries: 1 }, rng)).toThrow();
    expect(() => sampleTask(index, metaTest, { way: 5, shot: 1, queries: 20 }, rng)).toThrow();
  });

  test('deterministic for a seed, different for another', async () => {
    const { index } = await shipped();
    const { metaTrain } = protocolSplit(index);
    const shape = { way: 5, shot: 1, queries: 5 };
    const draw = (seed: number) => sampleTask(index, metaTrain, shape, createRng(seed));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  test('sampleDistinct is uniform: every class about equally often', () => {
    const rng = createRng(11);
    const counts = new Array<number>(39).fill(0);
    const draws = 20_000;
    for (let n = 0; n < draws; n++) for (const i of sampleDistinct(39, 5, rng)) counts[i]!++;
    const expected = (draws * 5) / 39;
    for (const c of counts) expect(Math.abs(c - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });
});

describe('fixed evaluation set', () => {
  test(`${EVAL_TASKS} 5-way 1-shot tasks, 15 queries per class, meta-test characters only`, async () => {
    const { index } = await shipped();
    const tasks = evaluationTasks(index);
    expect(tasks).toHaveLength(600);
    const test = new Set(protocolSplit(index).metaTest.map((c) => c.character));
    for (const t of tasks) {
      checkTask(index, t, { way: 5, shot: 1, queries: 15 });
      for (const c of t.classes) expect(test.has(c.character) && c.rotation === 0).toBe(true);
    }
    // Spread over all 39 characters.
    expect(new Set(tasks.flatMap((t) => t.classes.map((c) => c.character))).size).toBe(39);
  });

  test('the same tasks forever: deterministic, with a fixed fingerprint', async () => {
    const { index } = await shipped();
    const a = evaluationTasks(index);
    expect(evaluationTasks(index)).toEqual(a);
    const fingerprint = createHash('sha256').update(JSON.stringify(a)).digest('hex');
    // Changing the sampler, the seed or the data changes this: then every score changes too.
    expect(fingerprint).toMatchInlineSnapshot(
      `"d369d8f6f8db037e1ff97dba404836673aa8e2957cc32132f4fa3a2d39b53c2e"`,
    );
  });
});
