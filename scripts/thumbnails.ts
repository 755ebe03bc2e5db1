/**
 * `npm run thumbnails [-- --only view/presetId,…]`: the gallery thumbnails of the presets that need
 * minutes of training (src/ui/gallery/computedThumbnails.ts lists them). Runs each preset's real
 * computation in Node with the CLI's engine (tfjs wasm, as `npm run repro`), reduces the result to
 * the few numbers a thumbnail draws, and writes src/ui/gallery/computedThumbnails.json with the
 * query it computed, the date, the backend and the time. Re-run when one of those presets changes
 * (the unit test test/unit/ui/computedThumbnails.test.ts fails until then). --only recomputes the
 * named entries and keeps the others. `--from view/presetId=result.json` takes a Fig. 5 entry from
 * a saved `npm run repro -- <query> --sections fig5` result instead of running it again (a paper
 * run is half an hour); its `config` must be the link the entry computes, value for value.
 */
import { metaSgdMlpJob } from '../src/core/metaSgd/jobs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  nonlinearCliReport,
  progressLogger,
  stabilityCliReport,
  useNodeBackend,
} from '../src/cli/otherViews';
import { directContext } from '../src/core/jobs/context';
import { runMetaSgdMlp } from '../src/compute/metaSgd/metaSgdMlpJob';
import { parseLink, type Params } from '../src/core/params';
import type { Fig5Result } from '../src/core/fig5/types';
import {
  COMPUTED_THUMBNAIL_SPECS,
  computedQuery,
  specPreset,
  thumbnailKey,
  type ComputedThumbnail,
  type ComputedThumbnailFile,
  type ComputedThumbnailSpec,
} from '../src/ui/gallery/computedThumbnails';
import { fig5Curve, rateHistograms } from '../src/ui/gallery/reduceThumbnailData';
import { logLossGrid } from '../src/ui/gallery/thumbnailGrid';

const OUT = 'src/ui/gallery/computedThumbnails.json';

type Computed = Pick<ComputedThumbnail, 'data' | 'backend' | 'computation'> & {
  /** The saved run's own time (--from). */
  seconds?: number;
};

/** The saved repro result named by --from for `key`, checked against the link it must have run. */
function savedResult(key: string, params: Params): { fig5: Fig5Result } | null {
  const i = process.argv.indexOf('--from');
  const pairs = i >= 0 ? (process.argv[i + 1] ?? '').split(',') : [];
  const file = pairs.find((p) => p.startsWith(`${key}=`))?.slice(key.length + 1);
  if (!file) return null;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { config: Params; fig5?: Fig5Result };
  const differ = (Object.keys(params) as (keyof Params)[]).filter(
    (k) => JSON.stringify(saved.config[k]) !== JSON.stringify(params[k]),
  );
  if (differ.length || !saved.fig5)
    throw new Error(`${key}: ${file} is not this link's Fig. 5 result (${differ.join(', ')})`);
  return { fig5: saved.fig5 };
}

async function compute(spec: ComputedThumbnailSpec, params: Params): Promise<Computed> {
  const backend = params.backend === 'cpu' ? 'cpu' : 'wasm';
  const key = thumbnailKey(spec.view, spec.presetId);
  switch (spec.kind) {
    case 'grid': {
      const r = await stabilityCliReport(params, []);
      return {
        data: { kind: 'grid', ...logLossGrid(r.grid) },
        backend: r.backend ?? 'Float64 (no tfjs)',
        computation: 'α–β stability grid, as `npm run repro -- <query>` (stabilityReport)',
      };
    }
    case 'fig5': {
      const saved = savedResult(key, params);
      const r = saved ?? (await nonlinearCliReport(params, [], backend, ['fig5']));
      return {
        data: { kind: 'fig5', ...fig5Curve(r.fig5!) },
        backend: r.fig5!.engine ?? r.fig5!.backend,
        computation: 'Fig. 5 sweep, as `npm run repro -- <query> --sections fig5`',
        ...(saved && { seconds: saved.fig5.seconds }),
      };
    }
    case 'rates': {
      await useNodeBackend(backend);
      const log = progressLogger(key);
      // The MAML baseline (trained after Meta-SGD, same seed) only scores the test loss, which the
      // thumbnail does not draw: left out, it halves the time (~5 min instead of ~10 for 20 000).
      const r = await runMetaSgdMlp(
        { ...metaSgdMlpJob(params), withMaml: false },
        directContext((p) => log(`iteration ${p.iteration}`)),
      );
      return {
        data: { kind: 'rates', ...rateHistograms(r.rateStats) },
        backend,
        computation:
          'Meta-SGD learned rates, as `npm run repro -- <query> --sections metaSgd` without its MAML baseline',
      };
    }
  }
}

/** JSON with each array of numbers on one line (a grid row per line): small and still readable. */
function compactJson(v: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v);
    return `[\n${v.map((x) => inner + compactJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const fields = Object.entries(v).map(
      ([k, x]) => `${inner}${JSON.stringify(k)}: ${compactJson(x, inner)}`,
    );
    return `{\n${fields.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

async function main() {
  const i = process.argv.indexOf('--only');
  const only = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : null;
  const keys = COMPUTED_THUMBNAIL_SPECS.map((s) => thumbnailKey(s.view, s.presetId));
  const unknown = only?.filter((k) => !keys.includes(k)) ?? [];
  if (unknown.length)
    throw new Error(`--only: no thumbnail ${unknown.join(', ')} (${keys.join(', ')})`);
  const previous: ComputedThumbnailFile | null = existsSync(OUT)
    ? JSON.parse(readFileSync(OUT, 'utf8'))
    : null;
  const thumbnails: Record<string, ComputedThumbnail> = {};
  const t0 = performance.now();
  for (const spec of COMPUTED_THUMBNAIL_SPECS) {
    const key = thumbnailKey(spec.view, spec.presetId);
    const kept = previous?.thumbnails[key];
    if (only && !only.includes(key)) {
      if (kept) thumbnails[key] = kept;
      continue;
    }
    const query = computedQuery(spec);
    const { params, notices } = parseLink(query);
    if (notices.length) throw new Error(`${key}: ${notices.map((n) => n.message).join('; ')}`);
    process.stderr.write(`${key}: ${query}\n`);
    const started = performance.now();
    const r = await compute(spec, params);
    const seconds = Math.round((r.seconds ?? (performance.now() - started) / 1000) * 10) / 10;
    process.stderr.write(`${key}: ${seconds} s on ${r.backend}\n`);
    thumbnails[key] = {
      view: spec.view,
      presetId: spec.presetId,
      presetQuery: specPreset(spec).query,
      query,
      reduce: spec.reduce ?? null,
      computation: r.computation,
      backend: r.backend,
      generated: new Date().toISOString(),
      seconds,
      data: r.data,
    };
  }
  const file: ComputedThumbnailFile = {
    about: 'Written by `npm run thumbnails` (scripts/thumbnails.ts): do not edit by hand.',
    thumbnails,
  };
  const text = compactJson(file) + '\n';
  writeFileSync(OUT, text);
  const total = (performance.now() - t0) / 1000;
  process.stderr.write(`wrote ${OUT} (${text.length} bytes) in ${total.toFixed(0)} s\n`);
}

await main();
