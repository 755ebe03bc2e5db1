/**
 * A seeded generator of hostile share links, shared by the codec's unit fuzz test and the page's
 * end-to-end fuzz test: bad numbers, NaN/Infinity, huge values, reversed pairs, unknown and
 * repeated keys, script/HTML injection, bad pins and hide values, unicode, very long values.
 * Every injected payload sets `window.__pwned`, so a test can tell if one ever ran.
 */
import { PARAMS, PARAM_KEYS, type ParamSpec } from '../src/core/params';
import { LINK_VERSION } from '../src/core/params/linkCodec';

/** Mulberry32: small, seeded, independent of the app's own generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PWNED = 'window.__pwned=1';
export const INJECTIONS = [
  `<script>${PWNED}</script>`,
  `"><img src=x onerror="${PWNED}">`,
  `</code><svg onload=${PWNED}>`,
  `javascript:${PWNED}`,
  `\${${PWNED}}`,
  `{{constructor.constructor('${PWNED}')()}}`,
  `<iframe srcdoc="<script>parent.${PWNED}</script>">`,
];
const UNICODE = [
  '１２',
  '٣',
  '𝟙',
  '😀',
  '\u202e1',
  'ключ',
  '\u0000',
  '\uD800',
  'e\u0301',
  '\uFEFF5',
];
const BAD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  ' ',
  'abc',
  '0x1F',
  '1_000',
  '1e309',
  '-1e309',
  '1e308',
  '9'.repeat(400),
  '1e5.5',
  '--1',
  '.',
  '1,2',
  '+',
  'null',
  'undefined',
  '5 ',
];
const UNKNOWN_KEYS = [
  'foo',
  'zz1',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  'P',
  'alphat',
  'pin0',
  'pin6',
  'k'.repeat(300),
  ...INJECTIONS,
  ...UNICODE,
];
const PANELS = ['controls', 'readout', 'sim', 'explain', 'export', 'pins'];
const CONTROL_KEYS = PARAM_KEYS.filter((k) => PARAMS[k].views).map((k) => PARAMS[k].urlKey);
const PIN_URL_KEYS = [
  'alphaT',
  'alphaR',
  'p',
  'm',
  'nt',
  'nv',
  'nr',
  'sigma',
  'nu',
  'cov',
  'sx',
  'seed',
];
const BAD_PINS = [
  'p_99999*alphaT_1',
  'alphaT_1e5',
  'view_stability',
  'alphaT_NaN',
  'x_1',
  'alphaT_1*alphaT_2',
  'p_2.5',
  'cov_foo',
  'sx_1',
  'runs_10',
  'alphaT_Infinity',
  `alphaT_${'1'.repeat(40)}`,
  Array.from({ length: 25 }, (_, i) => `p_${i + 2}`).join('*'),
];
const BAD_HIDE = ['foo', 'Infinity', 'controls,foo', 'NaN', 'p,p,zz', 'Controls', 'a'.repeat(30)];

export function pick<T>(u: () => number, xs: readonly T[]): T {
  return xs[Math.floor(u() * xs.length)]!;
}

function validNumber(spec: Extract<ParamSpec, { kind: 'number' }>, u: () => number): string {
  const x = spec.min + u() * (spec.max - spec.min);
  return String(spec.integer ? Math.round(x) : Number(x.toPrecision(4)));
}

/** A valid value of a number, pair or enum spec (what a pin holds). */
function validValue(spec: ParamSpec, u: () => number): string {
  if (spec.kind === 'number') return validNumber(spec, u);
  if (spec.kind === 'enum') return pick(u, spec.options);
  if (spec.kind === 'pair')
    return [0, 1]
      .map(() => Number((spec.min + u() * (spec.max - spec.min)).toPrecision(4)))
      .join(',');
  return '1';
}

/** A value for a known key: valid sometimes, hostile mostly. */
function valueFor(spec: ParamSpec, u: () => number): string {
  const r = u();
  if (r < 0.08) return pick(u, INJECTIONS);
  if (r < 0.13) return pick(u, UNICODE);
  if (r < 0.16) return 'x'.repeat(2000 + Math.floor(u() * 8000));
  switch (spec.kind) {
    case 'number': {
      const s = u();
      if (s < 0.3) return validNumber(spec, u);
      if (s < 0.5) return String(spec.max * (10 + u() * 1e6) + 1);
      if (s < 0.6) return String(spec.min - 1 - u() * 1e6);
      if (s < 0.7 && spec.integer) return String(spec.min + 0.5);
      return pick(u, BAD_NUMBERS);
    }
    case 'pair': {
      const a = spec.min + u() * (spec.max - spec.min);
      const b = spec.min + u() * (spec.max - spec.min);
      const [lo, hi] = [Math.min(a, b), Math.max(a, b)].map((x) => Number(x.toPrecision(4)));
      const s = u();
      if (s < 0.25) return `${lo},${hi}`;
      if (s < 0.45) return `${hi},${lo}`; // reversed
      if (s < 0.55) return `${lo},${lo}`;
      if (s < 0.65) return `${spec.min - 1e3},${spec.max * 1e3}`;
      return pick(u, ['1', '1,2,3', 'NaN,1', '1,Infinity', ',', '', 'a,b', '1;2', `${hi},`]);
    }
    case 'enum': {
      const s = u();
      if (s < 0.4) return pick(u, spec.options);
      if (s < 0.6) return pick(u, spec.options).toUpperCase();
      return pick(u, ['foo', '', ' theory', 'iso ', '0', 'null', 'toString']);
    }
    case 'boolean':
      return pick(u, ['1', '0', 'true', 'false', 'yes', '2', '', 'TRUE', '01']);
    case 'text':
      if (spec.urlKey === 'hide') {
        const s = u();
        if (s < 0.35) {
          const n = 1 + Math.floor(u() * 4);
          return Array.from({ length: n }, () => pick(u, u() < 0.5 ? PANELS : CONTROL_KEYS)).join(
            ',',
          );
        }
        if (s < 0.45) return Array.from({ length: 41 }, () => 'p').join(',');
        return pick(u, BAD_HIDE);
      }
      // A pin.
      if (u() < 0.35) {
        const n = 1 + Math.floor(u() * 3);
        return Array.from({ length: n }, (_, i) => {
          const key = i === 0 ? 'alphaT' : pick(u, PIN_URL_KEYS.slice(1));
          return `${key}_${validValue(PARAMS[key as 'p'] as ParamSpec, u)}`;
        }).join('*');
      }
      return pick(u, BAD_PINS);
  }
}

/**
 * The `i`-th link of a seeded sequence: a query string (without `?`). Most are built with
 * URLSearchParams (what a browser would send); some are raw text with `&`, `#`, `%` and markup as
 * typed, which the browser's URL parser then percent-encodes.
 */
export function hostileLinks(count: number, seed = 2026): string[] {
  const u = seeded(seed);
  const keys = [...PARAM_KEYS.map((k) => PARAMS[k].urlKey)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const entries: [string, string][] = [];
    const n = 1 + Math.floor(u() * 7);
    for (let j = 0; j < n; j++) {
      const r = u();
      if (r < 0.12) entries.push([pick(u, UNKNOWN_KEYS), pick(u, ['1', ...INJECTIONS])]);
      else if (r < 0.16) entries.push(['v', pick(u, ['1', '2', '0', 'abc', '1.5', '', '99'])]);
      else if (r < 0.2 && entries.length) entries.push([entries[0]![0], valueFor(PARAMS.p, u)]);
      else if (r < 0.3) entries.push([`pin${1 + Math.floor(u() * 5)}`, valueFor(PARAMS.pin1, u)]);
      else if (r < 0.36) entries.push(['hide', valueFor(PARAMS.hide, u)]);
      else {
        const key = pick(u, keys);
        const spec = PARAMS[PARAM_KEYS.find((k) => PARAMS[k].urlKey === key)!] as ParamSpec;
        entries.push([key, valueFor(spec, u)]);
      }
    }
    if (u() < 0.15) out.push(entries.map(([k, v]) => `${k}=${v}`).join('&'));
    else out.push(new URLSearchParams(entries).toString());
  }
  return out;
}

/** The query a page sees for a link: the browser's URL parser percent-encodes (Node's is the same). */
export function asLocationSearch(query: string): string {
  return new URL('?' + query, 'http://host/app/').search;
}

const literal = (raw: string) => (raw.trim() === '' ? NaN : Number(raw));
const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-11 * Math.abs(b);

/**
 * Whether `out` is what `raw` literally says, judged without the codec (so the test can catch the
 * codec changing a value silently). Numbers compare with the 12 significant digits links keep.
 */
export function sameMeaning(spec: ParamSpec, raw: string, out: unknown): boolean {
  switch (spec.kind) {
    case 'number':
      return typeof out === 'number' && close(literal(raw), out);
    case 'pair': {
      const xs = raw.split(',').map(literal);
      const o = out as readonly number[];
      return xs.length === 2 && close(xs[0]!, o[0]!) && close(xs[1]!, o[1]!);
    }
    case 'boolean':
      return (raw === '1' || raw === 'true') === out && ['1', '0', 'true', 'false'].includes(raw);
    case 'enum':
    case 'text':
      return raw === out;
  }
}

/** How a notice names a key that is not in the table (the codec quotes at most 24 characters). */
export const unknownKeyName = (key: string) => key.slice(0, 24) || '(empty)';

/**
 * The keys whose value the link did not get as written — unknown, repeated, or read as something
 * else than `raw` literally says — given the value each known key ended up with. Each must be
 * named by a notice.
 */
export function changedKeys(search: string, valueOf: (urlKey: string) => unknown): Set<string> {
  const changed = new Set<string>();
  const seen = new Set<string>();
  for (const [k, raw] of new URLSearchParams(search)) {
    const key = PARAM_KEYS.find((p) => PARAMS[p].urlKey === k);
    if (k === 'v') {
      const v = literal(raw) as number;
      if (seen.has('v') || !(Number.isInteger(v) && v >= 1 && v <= LINK_VERSION)) changed.add('v');
    } else if (!key) changed.add(unknownKeyName(k));
    else if (seen.has(k)) changed.add(k);
    else if (!sameMeaning(PARAMS[key] as ParamSpec, raw, valueOf(k))) changed.add(k);
    seen.add(k);
  }
  return changed;
}
