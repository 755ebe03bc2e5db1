/**
 * The grid a stability setting brings when the user switches to it: each setting's paper ranges
 * live in its preset (linear: Fig. 3, sinusoid: Fig. 4a, mixed: the outer-GD preset), so
 * switching to the sinusoid MLPs no longer keeps the linear task's 40 × 40 grid over α ≤ 0.09
 * (minutes of training over the wrong range).
 */
import { parseLink, type Params } from '../params';
import { STABILITY_PRESETS } from './presets';

const GRID_KEYS = [
  'stAlpha',
  'stBeta',
  'stAlphaAxis',
  'stBetaAxis',
  'stAlphaCells',
  'stBetaCells',
] as const;

type GridKey = (typeof GRID_KEYS)[number];

const PRESET_OF_SETTING: Record<Params['stTask'], string> = {
  linear: 'fig3',
  sinusoid: 'fig4a',
  mixed: 'mixed-gd',
};

/** The α, β ranges, axes and cell counts of a setting's preset. */
export function settingGrid(task: Params['stTask']): Pick<Params, GridKey> {
  const preset = STABILITY_PRESETS.find((p) => p.id === PRESET_OF_SETTING[task])!;
  const { params } = parseLink(preset.query);
  const out = {} as Record<GridKey, unknown>;
  for (const k of GRID_KEYS) out[k] = params[k];
  return out as Pick<Params, GridKey>;
}
