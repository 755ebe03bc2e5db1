import type { ViewName } from '../../core/params';
import { parseLink } from '../../core/params';
import type { Preset } from '../../core/presets';
import { COMPUTED_THUMBNAIL_SPECS, type ComputedThumbnailSpec } from './computedThumbnails';

/**
 * Where a gallery card's thumbnail comes from: drawn in the page from the preset's own theory
 * curve or linear/mixed stability grid (milliseconds), or precomputed by `npm run thumbnails`
 * (minutes of training). Null: no thumbnail (the unit test keeps every preset off null).
 */
export type ThumbnailSource =
  { kind: 'theory' | 'stability' } | { kind: 'computed'; spec: ComputedThumbnailSpec } | null;

export function thumbnailSource(view: ViewName, preset: Preset): ThumbnailSource {
  const spec = COMPUTED_THUMBNAIL_SPECS.find((s) => s.view === view && s.presetId === preset.id);
  if (spec) return { kind: 'computed', spec };
  if (view === 'theory') return { kind: 'theory' };
  if (view === 'stability' && parseLink(preset.query).params.stTask !== 'sinusoid')
    return { kind: 'stability' };
  return null;
}
