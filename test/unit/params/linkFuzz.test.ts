import { describe, expect, test } from 'vitest';
import { PARAMS, PARAM_KEYS, encodeLink, parseLink, type ParamKey } from '../../../src/core/params';
import { INJECTIONS, asLocationSearch, changedKeys, hostileLinks } from '../../hostileLinks';
import { problems } from './problems';

const byUrlKey = new Map<string, ParamKey>(PARAM_KEYS.map((k) => [PARAMS[k].urlKey, k]));
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
