/**
 * Pinned comparisons: a pin is the theory setting of a curve, kept in the link as `pinN` (format in
 * src/core/params/uiParams.ts). Decoding is the link codec's `parsePin`, so a pin is exactly as
 * validated as a link; a pin with any bad value is dropped (with a notice, when it came in a link).
 */
import {
  PARAMS,
  PIN_KEYS as CODEC_PIN_KEYS,
  defaultParams,
  encodeLink,
  parsePin,
  type ParamKey,
  type Params,
} from '../../core/params';
import { MAX_PINS } from '../../core/params/uiParams';
import { fmt } from '../theme';

export { MAX_PINS };

/** What a pin keeps: everything the theory curves depend on (the theory setting and both rates). */
export const PIN_KEYS: readonly ParamKey[] = CODEC_PIN_KEYS;

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

/** A pin's parameters, or null when it is empty or not valid (the link codec drops those with a notice). */
export function decodePin(pin: string): Params | null {
  if (!pin) return null;
  const parsed = parsePin(pin);
  return 'params' in parsed ? parsed.params : null;
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
