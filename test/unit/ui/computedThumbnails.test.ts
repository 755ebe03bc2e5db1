import { metaSgdMlpJob } from '../../../src/core/metaSgd/jobs';
import { describe, expect, test } from 'vitest';
import stored from '../../../src/ui/gallery/computedThumbnails.json';
import { PRESETS_BY_VIEW } from '../../../src/core/presetsByView';
import { parseLink, type ViewName } from '../../../src/core/params';
import { metaSgdConfig } from '../../../src/compute/metaSgd/metaSgdMlpJob';
import {
  COMPUTED_THUMBNAIL_SPECS,
  computedQuery,
  reductionNote,
  specPreset,
  thumbnailKey,
  type ComputedThumbnailFile,
} from '../../../src/ui/gallery/computedThumbnails';
import { thumbnailSource } from '../../../src/ui/gallery/thumbnailSource';
import { logLossGrid } from '../../../src/ui/gallery/thumbnailGrid';
import { fig5Curve, rateHistograms } from '../../../src/ui/gallery/reduceThumbnailData';
import { layerRateStatistics } from '../../../src/core/metaSgd/rateStatistics';

const file = stored as ComputedThumbnailFile;
const REGENERATE = 'out of date: run `npm run thumbnails` (scripts/thumbnails.ts)';

describe('gallery thumbnails', () => {
  test('every preset of every view has a thumbnail source', () => {
    for (const [view, presets] of Object.entries(PRESETS_BY_VIEW))
      for (const p of presets)
        expect(thumbnailSource(view as ViewName, p), `${view}/${p.id}`).not.toBeNull();
  });

  test('the presets drawn in the page are the theory and linear/mixed stability ones', () => {
    const live = Object.entries(PRESETS_BY_VIEW).flatMap(([view, presets]) =>
      presets.filter((p) => thumbnailSource(view as ViewName, p)?.kind !== 'computed'),
    );
    for (const p of live) expect(parseLink(p.query).params.stTask).not.toBe('sinusoid');
    expect(live.some((p) => p.query.includes('view=nonlinear'))).toBe(false);
  });

  test.each(COMPUTED_THUMBNAIL_SPECS.map((s) => [thumbnailKey(s.view, s.presetId), s] as const))(
    '%s was computed from the preset as it is now',
    (key, spec) => {
      const entry = file.thumbnails[key];
      expect(entry, `${key} missing: ${REGENERATE}`).toBeDefined();
      expect(entry!.presetQuery, `${key}: preset changed, ${REGENERATE}`).toBe(
        specPreset(spec).query,
      );
      expect(entry!.query, `${key}: reduction changed, ${REGENERATE}`).toBe(computedQuery(spec));
      expect(entry!.reduce).toEqual(spec.reduce ?? null);
      expect(entry!.data.kind).toBe(spec.kind);
      expect(Date.parse(entry!.generated)).not.toBeNaN();
      expect(entry!.backend).toMatch(/wasm|cpu/);
    },
  );

  test('no stored thumbnail without a spec', () => {
    const keys = COMPUTED_THUMBNAIL_SPECS.map((s) => thumbnailKey(s.view, s.presetId));
    expect(Object.keys(file.thumbnails).sort()).toEqual(keys.sort());
  });

  test('stored data has the shape its query asks for', () => {
    for (const e of Object.values(file.thumbnails)) {
      const { params } = parseLink(e.query);
      const d = e.data;
      if (d.kind === 'grid') {
        expect(d.log10Loss).toHaveLength(params.stAlphaCells);
        expect(d.diverged.map((r) => r.length)).toEqual(
          Array(params.stAlphaCells).fill(params.stBetaCells),
        );
        // A real grid of Fig. 4a has both outcomes.
        expect(d.diverged.flat()).toContain(0);
        expect(d.diverged.flat()).toContain(1);
      } else if (d.kind === 'fig5') {
        expect(d.alphas).toHaveLength(params.f5Count);
        expect([d.alphas[0], d.alphas.at(-1)]).toEqual(params.f5Alphas);
        expect(d.alphas).toContain(d.bestAlpha);
        const best = d.mean[d.alphas.indexOf(d.bestAlpha)]!;
        expect(Math.min(...d.mean)).toBe(best);
      } else {
        // One histogram per layer, over all of that layer's weights and biases.
        const sizes = metaSgdConfig(metaSgdMlpJob(params), true).sizes;
        expect(d.layers.map((l) => l.counts.reduce((a, b) => a + b, 0))).toEqual(
          sizes.slice(1).map((out, l) => (sizes[l]! + 1) * out),
        );
      }
    }
  });

  test('a reduced run says so on its card; a preset computed as it is says nothing', () => {
    const paper = {
      ...COMPUTED_THUMBNAIL_SPECS.find((s) => s.presetId === 'fig5-paper')!,
      reduce: { f5Width: '40', f5Epochs: '300', f5Lr: '0.02' },
    };
    expect(reductionNote(paper)).toMatch(/^Thumbnail: reduced run \(width 40, not 400; epochs/);
    expect(computedQuery(paper)).toContain('f5Width=40&f5Epochs=300&f5Lr=0.02');
    const quick = COMPUTED_THUMBNAIL_SPECS.find((s) => s.presetId === 'nonlinear-quick')!;
    expect(reductionNote(quick)).toBeNull();
    expect(computedQuery(quick)).toBe(specPreset(quick).query);
  });
});

test('the Fig. 5 paper thumbnail is the paper-scale run itself, with every run’s test loss', () => {
  const e = file.thumbnails['nonlinear/fig5-paper']!;
  expect(e.reduce).toBeNull();
  const { params } = parseLink(e.query);
  expect([params.f5Width, params.f5Epochs, params.f5Runs, params.f5TestTasks]).toEqual([
    400, 5000, 10, 1000,
  ]);
  if (e.data.kind !== 'fig5') throw new Error('not a Fig. 5 entry');
  expect(e.data.perRun?.map((r) => r.length)).toEqual(Array(params.f5Count).fill(10));
});

describe('thumbnail data reductions', () => {
  test('grid: log10 of positive losses to 0.01 decade, diverged as 0/1', () => {
    const g = logLossGrid({
      loss: [
        [0.5, null],
        [0, 1e-300],
      ],
      diverged: [
        [false, true],
        [false, false],
      ],
    });
    expect(g).toEqual({
      log10Loss: [
        [-0.3, null],
        [null, -300],
      ],
      diverged: [
        [0, 1],
        [0, 0],
      ],
    });
  });
  test('Fig. 5: four significant digits, the best αt kept', () => {
    const c = fig5Curve({
      alphas: [-0.1, 0.1],
      meanTestLoss: [2.812189598, 2.757270184],
      stderr: [0.0697037, 0.0552754],
      bestAlpha: 0.1,
    });
    expect(c).toEqual({
      alphas: [-0.1, 0.1],
      mean: [2.812, 2.757],
      stderr: [0.07, 0.055],
      bestAlpha: 0.1,
    });
  });
  test('rates: the shared bins’ half-width and each layer’s counts', () => {
    const stats = layerRateStatistics(
      [
        { name: 'a', values: [-0.2, 0.1] },
        { name: 'b', values: [0.05] },
      ],
      4,
    );
    const r = rateHistograms(stats);
    expect(r.range).toBe(0.2);
    expect(r.layers.map((l) => l.counts)).toEqual([
      [1, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
    expect(r.layers[0]!.negativeFraction).toBe(0.5);
  });
});
