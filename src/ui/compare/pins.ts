/**
 * Pinned comparisons: a pin is the theory setting of a curve, kept in the link as `pinN` (format in
 * src/core/params/uiParams.ts). Decoding goes through the link codec, so a pin is exactly as
 * validated as a link; a pin with any bad value is dropped.
 */
import {
  PARAMS,
  defaultParams,
  encodeLink,
  parseLink,
  type ParamKey,
  type Params,
} from '../../core/params';
import { MAX_PINS } from '../../core/params/uiParams';
import { theorySettingOf } from '../../core/theoryReport';
import { fmt } from '../theme';

export { MAX_PINS };

/** What a pin keeps: everything the theory curves depend on (the theory setting and both rates). */
export const PIN_KEYS: readonly ParamKey[] = [
  'alphaT',
  'alphaR',
  ...(Object.keys(theorySettingOf(defaultParams())) as ParamKey[]),
];

export const PIN_SLOTS = ['pin1', 'pin2', 'pin3', 'pin4', 'pin5'] as const;
export type PinSlot = (typeof PIN_SLOTS)[number];

/** Short names for pin labels (legend entries must stay short). */
const SYMBOL: Partial<Record<ParamKey, string>> = {
  alphaT: 'αt',
  alphaR: 'αr',
  sigma: 'σ',
  nu: 'ν',
  omega0: 'ω0',
  sx: 'Σ',
  sw: 'Σw',
};

export function encodePin(params: Params): string {
  const only = defaultParams() as Record<string, unknown>;
  for (const k of PIN_KEYS) only[k] = params[k];
  const entries = [...new URLSearchParams(encodeLink(only as Params)).entries()].filter(
    ([k]) => k !== 'v',
  );
  // Always name both rates, so a pin at the defaults is not an empty string.
  for (const k of ['alphaR', 'alphaT'] as const)
    if (!entries.some(([u]) => u === PARAMS[k].urlKey))
      entries.unshift([PARAMS[k].urlKey, String(params[k])]);
  return entries.map(([k, v]) => `${k}_${v}`).join('*');
}

const PIN_URL_KEYS = new Set<string>(PIN_KEYS.map((k) => PARAMS[k].urlKey));

export function decodePin(pin: string): Params | null {
  if (!pin) return null;
  const query = new URLSearchParams();
  for (const pair of pin.split('*')) {
    const i = pair.indexOf('_');
    const key = pair.slice(0, i);
    if (i < 1 || !PIN_URL_KEYS.has(key)) return null;
    query.set(key, pair.slice(i + 1));
  }
  const { params, notices } = parseLink(query.toString());
  return notices.length ? null : params;
}

function show(v: Params[ParamKey]): string {
  if (Array.isArray(v)) return `${fmt(v[0])}…${fmt(v[1])}`;
  return typeof v === 'number' ? fmt(v) : String(v);
}

/** The parameters in which a pin differs from `current`, e.g. "αt = −1, p = 80". */
export function pinLabel(pin: Params, current: Params): string {
  const diffs = PIN_KEYS.filter((k) => JSON.stringify(pin[k]) !== JSON.stringify(current[k])).map(
    (k) => `${SYMBOL[k] ?? PARAMS[k].urlKey} = ${show(pin[k])}`,
  );
  return diffs.length ? diffs.join(', ') : 'same as now';
}
