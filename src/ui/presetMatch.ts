import { encodeLink, parseLink, type Params } from '../core/params';
import { uiParams } from '../core/params/uiParams';
import type { Preset } from '../core/presets';

/** How the page is presented (projector, embed, hidden parts, pins): not part of a preset. */
const PRESENTATION = Object.keys(uiParams) as (keyof typeof uiParams)[];

/** The link of the parameters that a preset decides (presentation flags at their defaults). */
function contentKey(params: Params): string {
  const p: Record<string, unknown> = { ...params };
  for (const k of PRESENTATION) p[k] = uiParams[k].default;
  return encodeLink(p as Params);
}

const presetKeys = new Map<string, string>();
function presetKey(preset: Preset, view: string): string {
  const id = `${view}/${preset.id}`;
  let key = presetKeys.get(id);
  if (key === undefined) {
    const q = new URLSearchParams(preset.query);
    if (!q.has('view')) q.set('view', view);
    key = contentKey(parseLink(q.toString()).params);
    presetKeys.set(id, key);
  }
  return key;
}

/**
 * What the preset menu shows: the id of the preset the parameters still equal, '' for the view's
 * untouched defaults, or 'custom' once anything differs from every preset.
 */
export function presetState(presets: readonly Preset[], view: string, params: Params): string {
  const key = contentKey(params);
  const match = presets.find((p) => presetKey(p, view) === key);
  if (match) return match.id;
  return key === contentKey(parseLink(`view=${view}`).params) ? '' : 'custom';
}
