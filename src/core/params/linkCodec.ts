import { THEORY_SETTING_KEYS } from './fields';
import type { NumberSpec, PairSpec, ParamSpec } from './spec';
import { PARAMS, PARAM_KEYS, defaultParams, type ParamKey, type Params } from './table';

/**
 * Share links: the whole state in the query string with readable keys (`?alphaT=-1&p=100`).
 * Values equal to their defaults are left out. Parsing never throws: every bad value is replaced
 * by its default (or clamped into range) and reported as a notice naming the key.
 *
 * Version history (`v`): 1 — first format; later additions of optional keys (e.g. the classroom
 * keys `embed`, `projector`, `hide`, `pin1`…`pin5`) keep v = 1, since every older link still reads
 * the same. 2 — defaults changed to the papers' settings (issue 12): a version-1 link that left
 * such a key out meant its old default, which `migrate` restores. A future format bumps
 * LINK_VERSION and adds its migration there, so old links keep working.
 */
export const LINK_VERSION = 2;

/** Keys whose default changed in version 2, with their version-1 default. */
const V1_DEFAULTS: Record<string, string> = {
  stTasks: '1',
  stEvalTasks: '5',
  f5Epochs: '300',
  f5Lr: '0.005',
  f5Alphas: '-0.1,0.1',
  f5Runs: '8',
};

export interface Notice {
  key: string;
  message: string;
}

export interface ParsedLink {
  params: Params;
  notices: Notice[];
}

/** Longest raw value quoted back in a notice (links are untrusted; notices are plain text). */
const MAX_QUOTE = 24;
const quote = (raw: string) =>
  JSON.stringify(raw.length > MAX_QUOTE ? raw.slice(0, MAX_QUOTE) + '…' : raw);

const byUrlKey = new Map<string, ParamKey>(PARAM_KEYS.map((k) => [PARAMS[k].urlKey, k]));

/** Strict number syntax: no empty strings, hex, Infinity or trailing garbage. */
function parseNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

function formatNumber(x: number): string {
  // Shortest round-trip representation; avoids 0.30000000000000004-style noise from sliders.
  return String(Number(x.toPrecision(12)));
}

type Checked<T> = { value: T; problem?: string };

function checkNumber(spec: NumberSpec, raw: string): Checked<number> {
  const x = parseNumber(raw);
  if (x === null) return { value: spec.default, problem: `${quote(raw)} is not a number` };
  let v = x;
  let problem: string | undefined;
  if (spec.integer && !Number.isInteger(v)) {
    v = Math.round(v);
    problem = `${quote(raw)} is not a whole number; rounded to ${v}`;
  }
  if (v < spec.min || v > spec.max) {
    const c = Math.min(spec.max, Math.max(spec.min, v));
    problem = `${quote(raw)} is outside [${spec.min}, ${spec.max}]; clamped to ${c}`;
    v = c;
  }
  return { value: v, problem };
}

function checkPair(spec: PairSpec, raw: string): Checked<readonly [number, number]> {
  const parts = raw.split(',');
  const xs = parts.map(parseNumber);
  if (parts.length !== 2 || xs[0] === null || xs[1] === null) {
    return { value: spec.default, problem: `${quote(raw)} is not two numbers "a,b"` };
  }
  const clamp = (x: number) => Math.min(spec.max, Math.max(spec.min, x));
  const v = [clamp(xs[0]!), clamp(xs[1]!)] as const;
  let problem =
    v[0] !== xs[0] || v[1] !== xs[1]
      ? `${quote(raw)} is outside [${spec.min}, ${spec.max}]; clamped to ${v.join(',')}`
      : undefined;
  if (spec.ordered && !(v[0] < v[1])) {
    if (v[0] === v[1])
      return { value: spec.default, problem: `${quote(raw)} is an empty range; default used` };
    problem = `${quote(raw)} is a reversed range (from > to); swapped to ${v[1]},${v[0]}`;
    return { value: [v[1], v[0]] as const, problem };
  }
  return { value: v, problem };
}

function checkValue(spec: ParamSpec, raw: string): Checked<unknown> {
  switch (spec.kind) {
    case 'number':
      return checkNumber(spec, raw);
    case 'pair':
      return checkPair(spec, raw);
    case 'enum':
      return spec.options.includes(raw)
        ? { value: raw }
        : {
            value: spec.default,
            problem: `${quote(raw)} is not one of ${spec.options.join(', ')}`,
          };
    case 'text':
      return raw.length <= spec.maxLength && spec.pattern.test(raw)
        ? { value: raw }
        : { value: spec.default, problem: `${quote(raw)} is not a valid value; ignored` };
    case 'boolean':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { value: spec.default, problem: `${quote(raw)} is not 0 or 1` };
  }
}

/**
 * Values of the classroom keys (uiParams.ts) are checked beyond their pattern, so a value that
 * matches the pattern but means nothing is dropped with a notice instead of sitting in the link
 * doing nothing: `hide` names panels and controls, `pin1`…`pin5` hold a theory setting.
 */

/** The panels `hide=` can name, besides any control by its link key. */
export const HIDE_PARTS = ['controls', 'readout', 'sim', 'explain', 'export', 'pins'] as const;

const HIDE_NAMES = new Set<string>([
  ...HIDE_PARTS,
  ...PARAM_KEYS.filter((k) => PARAMS[k].views).map((k) => PARAMS[k].urlKey),
]);

/**
 * What a pin keeps: everything the theory curves depend on — both rates and the theory setting
 * (the table's theory setting, fields.ts).
 */
export const PIN_KEYS: readonly ParamKey[] = ['alphaT', 'alphaR', ...THEORY_SETTING_KEYS];

const PIN_SLOT = /^pin[1-9]$/;
const pinKeyByUrlKey = new Map<string, ParamKey>(PIN_KEYS.map((k) => [PARAMS[k].urlKey, k]));

/**
 * A pin (`alphaT_-1*p_80`) read with the link's own checks: its parameters over the defaults, or
 * why it is not valid. A pin is all or nothing — a bad value drops the whole pin, it is never
 * clamped into a curve the teacher did not pin.
 */
export function parsePin(pin: string): { params: Params } | { problem: string } {
  const params = defaultParams() as Record<string, unknown>;
  const seen = new Set<string>();
  for (const pair of pin.split('*')) {
    const i = pair.indexOf('_');
    const urlKey = i < 1 ? pair : pair.slice(0, i);
    const key = i < 1 ? undefined : pinKeyByUrlKey.get(urlKey);
    if (!key) return { problem: `${quote(urlKey)} is not a pinned parameter` };
    if (seen.has(key)) return { problem: `${urlKey} is given more than once` };
    seen.add(key);
    const { value, problem } = checkValue(PARAMS[key], pair.slice(i + 1));
    // "…; clamped to 2000" describes a link value; a pin is dropped instead.
    if (problem) return { problem: `${urlKey}: ${problem.replace(/; (clamped|rounded).*$/, '')}` };
    params[key] = value;
  }
  return { params: params as Params };
}

/**
 * A pattern-valid classroom value that means nothing is replaced: unknown names leave `hide` (the
 * others stay: `hide=controls,foo` still hides the controls), a bad pin is dropped whole.
 */
function checkMeaning(key: ParamKey, value: unknown): Checked<unknown> {
  if (typeof value !== 'string' || value === '') return { value };
  if (key === 'hide') {
    const names = value.split(',');
    const unknown = names.filter((n) => !HIDE_NAMES.has(n));
    if (!unknown.length) return { value };
    const verb = unknown.length > 1 ? 'are' : 'is';
    return {
      value: names.filter((n) => HIDE_NAMES.has(n)).join(','),
      problem: `${unknown.map(quote).join(', ')} ${verb} not a panel or control; dropped`,
    };
  }
  if (PIN_SLOT.test(key)) {
    const pin = parsePin(value);
    if ('problem' in pin) return { value: '', problem: `pin dropped: ${pin.problem}` };
  }
  return { value };
}

/** Reinterprets older link versions: a version-1 link's omitted keys keep their old defaults. */
function migrate(entries: [string, string][], version: number): [string, string][] {
  if (version >= 2) return entries;
  const given = new Set(entries.map(([k]) => k));
  const restored = Object.entries(V1_DEFAULTS).filter(([k]) => !given.has(k));
  return [...entries, ...restored];
}

/**
 * Parses a share link, a full URL or a bare query string (with or without `?`). Never throws.
 * Unknown keys, repeated keys, bad values and future versions are reported as notices.
 */
export function parseLink(link: string): ParsedLink {
  const params = defaultParams() as Record<string, unknown>;
  const notices: Notice[] = [];
  let query = link;
  const q = link.indexOf('?');
  if (q >= 0) query = link.slice(q + 1);
  const hash = query.indexOf('#');
  if (hash >= 0) query = query.slice(0, hash);

  let entries: [string, string][];
  try {
    entries = [...new URLSearchParams(query).entries()];
  } catch {
    entries = [];
    notices.push({ key: '(link)', message: 'the link could not be read; defaults used' });
  }

  let version = LINK_VERSION;
  const vEntries = entries.filter(([k]) => k === 'v');
  const vEntry = vEntries[0];
  if (vEntries.length > 1)
    notices.push({ key: 'v', message: 'given more than once; the first value is used' });
  if (vEntry) {
    const v = parseNumber(vEntry[1]);
    if (v === null || !Number.isInteger(v) || v < 1) {
      notices.push({
        key: 'v',
        message: `link version ${quote(vEntry[1])} is invalid; read as ${LINK_VERSION}`,
      });
    } else if (v > LINK_VERSION) {
      notices.push({
        key: 'v',
        message: `link version ${v} is newer than this app (${LINK_VERSION}); read as ${LINK_VERSION}`,
      });
    } else version = v;
  }

  const seen = new Set<string>();
  for (const [urlKey, raw] of migrate(
    entries.filter(([k]) => k !== 'v'),
    version,
  )) {
    const key = byUrlKey.get(urlKey);
    if (!key) {
      notices.push({
        key: urlKey.slice(0, MAX_QUOTE) || '(empty)',
        message: 'unknown key, ignored',
      });
      continue;
    }
    if (seen.has(key)) {
      notices.push({ key: urlKey, message: 'given more than once; the first value is used' });
      continue;
    }
    seen.add(key);
    const checked = checkValue(PARAMS[key], raw);
    const { value, problem } = checked.problem ? checked : checkMeaning(key, checked.value);
    params[key] = value;
    if (problem) notices.push({ key: urlKey, message: problem });
  }
  return { params: params as Params, notices };
}

function equalValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function encodeValue(spec: ParamSpec, value: unknown): string {
  switch (spec.kind) {
    case 'number':
      return formatNumber(value as number);
    case 'pair':
      return (value as readonly number[]).map(formatNumber).join(',');
    case 'boolean':
      return value ? '1' : '0';
    case 'enum':
    case 'text':
      return String(value);
  }
}

/** The query string (without `?`) for `params`: defaults omitted, version last. */
export function encodeLink(params: Params): string {
  const search = new URLSearchParams();
  for (const key of PARAM_KEYS) {
    const spec = PARAMS[key];
    const value = params[key];
    if (equalValue(value, spec.default)) continue;
    search.set(spec.urlKey, encodeValue(spec, value));
  }
  search.set('v', String(LINK_VERSION));
  // Keep commas readable in pair values (`sx=0.25,1.75`); URLSearchParams would escape them.
  return search.toString().replace(/%2C/g, ',');
}

/** Normalizes one value from a control the same way a link value would be. */
export function normalizeValue<K extends ParamKey>(key: K, value: Params[K]): Params[K] {
  const spec = PARAMS[key];
  const checked = checkValue(spec, encodeValue(spec, value));
  return (checked.problem ? checked.value : checkMeaning(key, checked.value).value) as Params[K];
}

/**
 * A value as typed in a control, checked exactly as a link value is (the one validation path): the
 * value to apply (clamped, rounded or swapped) and, when it had to change, the notice saying why.
 */
export function checkTypedValue(key: ParamKey, raw: string): { value: unknown; problem?: string } {
  return checkValue(PARAMS[key], raw);
}
