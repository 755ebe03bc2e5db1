import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { diskReader, loadOmniglotNode, OMNIGLOT_DIR } from '../../../src/compute/omniglot/nodeData';
import { directContext } from '../../../src/core/jobs/context';
import { JOB_SPECS } from '../../../src/core/jobs/registry';
import {
  drawOmniglotTask,
  omniglotTaskJob,
  omniglotTaskRunner,
  omniglotTaskSpec,
  type OmniglotTaskPartial,
} from '../../../src/core/omniglot/job';
import { cachedLoader, imageAt, loadOmniglot } from '../../../src/core/omniglot';
import { defaultParams, parseLink } from '../../../src/core/params';
import { fetchReader } from '../../../src/worker/omniglotFetch';
import { shipped } from './helpers';

describe('sample-task job', () => {
  test('a registered pure-worker job, started with the nonlinear view, from ogSplit/ogQueries/ogSeed', () => {
    expect(JOB_SPECS).toContain(omniglotTaskSpec);
    expect(omniglotTaskSpec).toMatchObject({ worker: 'pure', start: 'auto', views: ['nonlinear'] });
    expect(omniglotTaskJob(defaultParams())).toEqual({
      split: 'test',
      way: 5,
      shot: 1,
      queries: 3,
      seed: 1,
    });
    const { params, notices } = parseLink('ogSplit=train&ogQueries=9&ogSeed=42');
    expect(omniglotTaskJob(params)).toMatchObject({ split: 'train', queries: 5, seed: 42 });
    expect(notices.map((n) => n.key)).toEqual(['ogQueries']);
  });

  test('the runner loads through its loader, then draws a seeded 5-way 1-shot task', async () => {
    let loads = 0;
    const load = cachedLoader(async (f) => (loads++, diskReader()(f)));
    const stages: string[] = [];
    const ctx = directContext<OmniglotTaskPartial>((p) => stages.push(p.stage));
    const job = { split: 'test' as const, way: 5, shot: 1, queries: 3, seed: 9 };
    const r = await omniglotTaskRunner(load)(job, ctx);
    await omniglotTaskRunner(load)({ ...job, seed: 10 }, directContext());
    expect(loads).toBe(2); // index + binary, once for both jobs
    expect(stages).toEqual(['loading data', 'sampling']);
    expect(r.support).toHaveLength(5);
    expect(r.query).toHaveLength(15);
    expect(r.splitClasses).toBe(39);
    expect(r.splitCharacters).toBe(39);
    for (const im of [...r.support, ...r.query]) {
      expect(im.pixels).toHaveLength(784);
      expect(Math.max(...im.pixels)).toBeGreaterThan(0);
      expect(['Tagalog', 'Early_Aramaic']).toContain(im.alphabet);
      expect(r.classes[im.label]!.character).toBe(im.character);
    }
    const d = await shipped();
    expect(drawOmniglotTask(d, job)).toEqual(r);
    expect(drawOmniglotTask(d, { ...job, seed: 10 })).not.toEqual(r);
  });

  test('meta-train tasks show rotated classes, images rotated as the task uses them', async () => {
    const d = await shipped();
    const r = drawOmniglotTask(d, { split: 'train', way: 5, shot: 1, queries: 2, seed: 3 });
    expect(r.splitClasses).toBe(812);
    expect(r.splitCharacters).toBe(203);
    for (const im of r.support) {
      const ch = d.index.characters.find(
        (c) => c.alphabet === im.alphabet && c.name === im.character,
      )!;
      const stored = ch.first + ch.drawers.indexOf(im.drawer);
      expect([...im.pixels]).toEqual([...imageAt(d, stored, im.rotation)]);
    }
  });
});

describe('loaders', () => {
  test('Node reads the committed files from disk, once per process', async () => {
    const a = await loadOmniglotNode();
    expect(await loadOmniglotNode()).toBe(a);
    expect(a.index.imageCount).toBe(5640);
  });

  test('the worker’s fetch reader gives the same data over HTTP, and reports a missing file', async () => {
    const server = createServer((req, res) => {
      const file = (req.url ?? '').slice(1);
      if (file !== 'omniglot-28.bin' && file !== 'omniglot-28.json')
        return res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(join(OMNIGLOT_DIR, file)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const viaHttp = await loadOmniglot(
        fetchReader({
          'omniglot-28.json': base + 'omniglot-28.json',
          'omniglot-28.bin': base + 'omniglot-28.bin',
        }),
      );
      const fromDisk = await shipped();
      expect(viaHttp.index).toEqual(fromDisk.index);
      expect(Buffer.compare(Buffer.from(viaHttp.pixels), Buffer.from(fromDisk.pixels))).toBe(0);
      const missing = fetchReader({
        'omniglot-28.json': base + 'nope.json',
        'omniglot-28.bin': base + 'omniglot-28.bin',
      });
      await expect(loadOmniglot(missing)).rejects.toThrow(/omniglot-28.json: HTTP 404/);
    } finally {
      server.close();
    }
  });
});
