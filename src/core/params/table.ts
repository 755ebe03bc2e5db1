import { choice, type ParamSpec, type ValueOf, type ViewName } from './spec';
import { nonlinearParams } from './nonlinearParams';
import {
  omniglotParams,
  omniglotProbeParams,
  omniglotStabilityParams,
  omniglotTrainingParams,
} from './omniglotParams';
import { scaleUpParams } from './scaleUpParams';
import { simParams } from './simParams';
import { stabilityParams } from './stabilityParams';
import { theoryParams } from './theoryParams';
import { uiParams } from './uiParams';

/** Page views and their titles (tabs, the CLI's help); `view` in links. */
export const VIEW_TITLES = {
  theory: 'Theory & simulation',
  stability: 'α–β stability',
  nonlinear: 'Nonlinear & Meta-SGD',
} as const satisfies Record<ViewName, string>;

export const viewParam = {
  view: choice('view', {
    label: 'View',
    help: 'Which view the page shows',
    default: 'theory',
    options: ['theory', 'stability', 'nonlinear'] as const,
    optionLabels: VIEW_TITLES,
  }),
};

/**
 * THE parameter table: every parameter of every view. Later features add their own file of specs
 * and spread it in here; nothing else needs to change for a new parameter to get a control, a link
 * key, CLI help and validation.
 */
export const PARAMS = {
  ...viewParam,
  ...theoryParams,
  ...simParams,
  ...scaleUpParams,
  ...stabilityParams,
  ...nonlinearParams,
  ...omniglotParams,
  ...omniglotTrainingParams,
  ...omniglotStabilityParams,
  ...omniglotProbeParams,
  ...uiParams,
} satisfies Record<string, ParamSpec>;

export type ParamKey = keyof typeof PARAMS;
export type Params = { -readonly [K in ParamKey]: ValueOf<(typeof PARAMS)[K]> };

export const PARAM_KEYS = Object.keys(PARAMS) as ParamKey[];

export function defaultParams(): Params {
  const out: Record<string, unknown> = {};
  for (const k of PARAM_KEYS) out[k] = PARAMS[k].default;
  return out as Params;
}
