import type { ComponentType } from 'react';
import type { ViewName } from '../core/params';
import type { Preset } from '../core/presets';
import { THEORY_PRESETS } from '../core/presets';
import { TheoryView } from './theory/TheoryView';
import { TheoryThumbnail } from './gallery/TheoryThumbnail';
import { NonlinearView } from './nonlinear/NonlinearView';
import { NONLINEAR_PRESETS } from '../core/nonlinear/presets';

export interface ViewEntry {
  name: ViewName;
  title: string;
  component: ComponentType;
  presets: readonly Preset[];
  /** Draws a preset's gallery thumbnail from the real computation (else `preset.thumbnail`). */
  Thumbnail?: ComponentType<{ query: string }>;
}

/** The views the page offers; each later view adds one entry here. */
export const VIEWS: ViewEntry[] = [
  {
    name: 'theory',
    title: 'Theory & simulation',
    component: TheoryView,
    presets: THEORY_PRESETS,
    Thumbnail: TheoryThumbnail,
  },
  {
    name: 'nonlinear',
    title: 'Nonlinear & Meta-SGD',
    component: NonlinearView,
    presets: NONLINEAR_PRESETS,
  },
];
