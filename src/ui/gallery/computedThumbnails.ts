/**
 * Thumbnails of the presets whose figure needs minutes of training (a trained MLP per cell or per
 * αt): `npm run thumbnails` (scripts/thumbnails.ts) runs the real computation in Node with the
 * CLI's engine and stores a small data series per preset in computedThumbnails.json; the gallery
 * only draws it. The stored query must match today's preset (unit test), else re-run the script.
 */
import type { ViewName } from '../../core/params';
import { PARAMS, PARAM_KEYS } from '../../core/params';
import type { Preset } from '../../core/presets';
import { PRESETS_BY_VIEW } from '../../core/presetsByView';
import type { LogLossGrid } from './thumbnailGrid';

export interface ComputedThumbnailSpec {
  view: ViewName;
  presetId: string;
  /** What is drawn: the α–β grid, the Fig. 5 loss-vs-αt curve, or per-layer learned-rate histograms. */
  kind: 'grid' | 'fig5' | 'rates';
  /** Link values that replace the preset's where the preset is infeasible here; the card says so. */
  reduce?: Readonly<Record<string, string>>;
}

export const COMPUTED_THUMBNAIL_SPECS: readonly ComputedThumbnailSpec[] = [
  { view: 'stability', presetId: 'fig4a', kind: 'grid' },
  { view: 'stability', presetId: 'fig4a-quick', kind: 'grid' },
  { view: 'nonlinear', presetId: 'nonlinear-quick', kind: 'fig5' },
  // The paper's run (~half an hour on 2 cores): `npm run thumbnails -- --only nonlinear/fig5-paper
  // --from nonlinear/fig5-paper=<its npm run repro result>.json` takes it from a saved run.
  { view: 'nonlinear', presetId: 'fig5-paper', kind: 'fig5' },
  { view: 'nonlinear', presetId: 'metasgd-sinusoid-long', kind: 'rates' },
];

/** Test loss vs αt of a Fig. 5 sweep: mean over runs ± standard error, and the best αt. */
export interface Fig5Curve {
  alphas: number[];
  mean: number[];
  stderr: number[];
  bestAlpha: number;
  /** Per αt, each run's test loss, and where the training curve flattened: enough for the page to
   * state the run's conclusion (describeFig5, paired standard errors). */
  perRun?: number[][];
  flattenedAt?: number | null;
}

/** Meta-SGD's learned rates per layer: histogram counts over shared bins spanning [−range, range]. */
export interface RateHistograms {
  range: number;
  layers: { name: string; counts: number[]; mean: number; negativeFraction: number }[];
}

export type ThumbnailData =
  | ({ kind: 'grid' } & LogLossGrid)
  | ({ kind: 'fig5' } & Fig5Curve)
  | ({ kind: 'rates' } & RateHistograms);

/** One entry of computedThumbnails.json. */
export interface ComputedThumbnail {
  view: ViewName;
  presetId: string;
  /** The preset's query when the thumbnail was computed. */
  presetQuery: string;
  /** The query actually computed: the preset's, with `reduce` applied. */
  query: string;
  reduce: Readonly<Record<string, string>> | null;
  /** Which computation ran, in words (and what of it was left out, if anything). */
  computation: string;
  generated: string;
  backend: string;
  seconds: number;
  data: ThumbnailData;
}

export interface ComputedThumbnailFile {
  about: string;
  thumbnails: Record<string, ComputedThumbnail>;
}

export const thumbnailKey = (view: ViewName, presetId: string) => `${view}/${presetId}`;

export function specPreset(spec: ComputedThumbnailSpec): Preset {
  const p = PRESETS_BY_VIEW[spec.view].find((q) => q.id === spec.presetId);
  if (!p) throw new Error(`no preset ${thumbnailKey(spec.view, spec.presetId)}`);
  return p;
}

/** The preset's query with the spec's reduced values (other keys and their order unchanged). */
export function computedQuery(spec: ComputedThumbnailSpec): string {
  const parts = specPreset(spec).query.split('&');
  for (const [key, value] of Object.entries(spec.reduce ?? {})) {
    const i = parts.findIndex((s) => s.startsWith(`${key}=`));
    if (i >= 0) parts[i] = `${key}=${value}`;
    else parts.push(`${key}=${value}`);
  }
  return parts.join('&');
}

/** "reduced run (width 40, not 400; …)" for the card, or null when the preset itself was computed. */
export function reductionNote(spec: ComputedThumbnailSpec): string | null {
  if (!spec.reduce) return null;
  const preset = new URLSearchParams(specPreset(spec).query);
  const what = Object.entries(spec.reduce).map(([key, value]) => {
    const k = PARAM_KEYS.find((name) => PARAMS[name].urlKey === key);
    const label = k ? PARAMS[k].label : key;
    const was = preset.get(key);
    return was === null ? `${label} ${value}` : `${label} ${value}, not ${was}`;
  });
  return `Thumbnail: reduced run (${what.join('; ')})`;
}
