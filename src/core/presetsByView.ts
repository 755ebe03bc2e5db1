/** Every view's presets: what the gallery lists (src/ui/views.tsx) and what thumbnails cover. */
import type { ViewName } from './params';
import { THEORY_PRESETS, type Preset } from './presets';
import { STABILITY_PRESETS } from './stability/presets';
import { NONLINEAR_PRESETS } from './nonlinear/presets';

export const PRESETS_BY_VIEW: Readonly<Record<ViewName, readonly Preset[]>> = {
  theory: THEORY_PRESETS,
  stability: STABILITY_PRESETS,
  nonlinear: NONLINEAR_PRESETS,
};
