import type { ComponentType } from 'react';
import { VIEW_TITLES, type ViewName } from '../core/params';
import type { Preset } from '../core/presets';
import { PRESETS_BY_VIEW } from '../core/presetsByView';
import { TheoryView } from './theory/TheoryView';
import { TheoryThumbnail } from './gallery/TheoryThumbnail';
import { lazyPart } from './lazyPart';

export interface ViewEntry {
  name: ViewName;
  title: string;
  component: ComponentType;
  presets: readonly Preset[];
  /**
   * Draws a preset's gallery thumbnail from the real computation, in the page, for the presets
   * `thumbnailSource` (gallery/thumbnailSource.ts) says it can draw.
   */
  Thumbnail?: ComponentType<{ query: string }>;
}

// Views other than the first load on demand: the first theory curve must not wait for their code
// (their panels import job modules that may pull in TensorFlow.js). lazyPart: a failed chunk
// load shows a retry in place of the part, not a blank page.
const StabilityView = lazyPart('The α–β stability view', async () => ({
  default: (await import('./stability/StabilityView')).StabilityView,
}));
const StabilityThumbnail = lazyPart(
  'This thumbnail',
  async () => ({
    default: (await import('./gallery/StabilityThumbnail')).StabilityThumbnail,
  }),
  { inline: true },
);
const NonlinearView = lazyPart('The nonlinear view', async () => ({
  default: (await import('./nonlinear/NonlinearView')).NonlinearView,
}));

/** The views the page offers; each later view adds one entry here. */
export const VIEWS: ViewEntry[] = [
  {
    name: 'theory',
    title: VIEW_TITLES.theory,
    component: TheoryView,
    presets: PRESETS_BY_VIEW.theory,
    Thumbnail: TheoryThumbnail,
  },
  {
    name: 'stability',
    title: VIEW_TITLES.stability,
    component: StabilityView,
    presets: PRESETS_BY_VIEW.stability,
    Thumbnail: StabilityThumbnail,
  },
  {
    name: 'nonlinear',
    title: VIEW_TITLES.nonlinear,
    component: NonlinearView,
    presets: PRESETS_BY_VIEW.nonlinear,
  },
];
