import { describe, expect, test } from 'vitest';
import {
  HIDE_PARTS,
  PARAMS,
  PARAM_KEYS,
  encodeLink,
  parseLink,
  parsePin,
  type ParamKey,
  type ParamSpec,
  type Params,
} from '../../../src/core/params';
import { INJECTIONS, asLocationSearch, changedKeys, hostileLinks } from '../../hostileLinks';

const byUrlKey = new Map<string, ParamKey>(PARAM_KEYS.map((k) => [PARAMS[k].urlKey, k]));
const hideNames = new Set<string>([
  ...HIDE_PARTS,
  ...PARAM_KEYS.filter((k) => PARAMS[k].views).map((k) => PARAMS[k].urlKey),
]);

/** Every value valid per the parameter table, pins and hide names included. */
function problems(params: Params): string[] {
  const out: string[] = [];
  const inRange = (x: unknown, lo: number, hi: number) =>
    typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;
  for (const key of PARAM_KEYS) {
    const spec = PARAMS[key] as ParamSpec;
    const v = params[key] as unknown;
    let ok: boolean;
    switch (spec.kind) {
      case 'number':
        ok = inRange(v, spec.min, spec.max) && (!spec.integer || Number.isInteger(v));
        break;
      case 'enum':
        ok = (spec.options as readonly unknown[]).includes(v);
        break;
      case 'pair':
        ok = Array.isArray(v) && v.length === 2 && v.every((x) => inRange(x, spec.min, spec.max));
        break;
      case 'boolean':
        ok = typeof v === 'boolean';
        break;
      case 'text':
        ok =
          typeof v === 'string' &&
          (v === '' ||
            (v.length <= spec.maxLength &&
              spec.pattern.test(v) &&
              (key !== 'hide' || v.split(',').every((n) => hideNames.has(n))) &&
              (!key.startsWith('pin') || 'params' in parsePin(v))));
    }
    if (!ok) out.push(`${key}=${String(v).slice(0, 40)}`);
  }
  return out;
}

describe('link codec over 1200 hostile links (test/hostileLinks.ts)', () => {
  const links = hostileLinks(1200);

  test('every output value is valid, every changed key is named, the output link is canonical', () => {
    let withNotice = 0;
    for (const link of links) {
      const search = asLocationSearch(link);
      const { params, notices } = parseLink(search);
      expect(problems(params), link).toEqual([]);
      const named = new Set(notices.map((n) => n.key));
      for (const k of changedKeys(search, (u) => params[byUrlKey.get(u)!]))
        expect(named.has(k), `${k} changed without a notice in ${link.slice(0, 200)}`).toBe(true);
      for (const n of notices) {
        expect(n.key.length).toBeLessThanOrEqual(24);
        expect(n.message.length).toBeLessThan(300);
      }
      if (notices.length) withNotice++;
      // What the address bar gets: no bad value left in it, nothing to report when read again.
      const out = encodeLink(params);
      const again = parseLink(out);
      expect(again.notices, out).toEqual([]);
      expect(again.params).toEqual(params);
      expect(out).not.toMatch(/[<>"]/);
      for (const v of Object.values(params))
        if (typeof v === 'string') expect(INJECTIONS.some((x) => v.includes(x))).toBe(false);
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    }
    // The generator is hostile: nearly every link has something to report.
    expect(withNotice / links.length).toBeGreaterThan(0.9);
  });

  test('the generator covers each kind of hostile value', () => {
    const all = links.map(asLocationSearch).join('&');
    for (const needle of ['NaN', 'Infinity', '1e309', '__proto__', '%3Cscript%3E', 'pin', 'hide='])
      expect(all, needle).toContain(needle);
    expect(links.some((l) => l.length > 5000)).toBe(true);
    expect(links.filter((l) => /pin\d=/.test(l)).length).toBeGreaterThan(100);
  });
});
