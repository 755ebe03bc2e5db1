import { describe, expect, test } from 'vitest';
import { PIN_KEYS, defaultParams, encodeLink, parseLink } from '../../../src/core/params';
import { theorySettingOf } from '../../../src/core/theoryReport';

/** Values that match a key's pattern but mean nothing are dropped with a notice, not kept silently. */
describe('link codec: pins and hide checked for meaning', () => {
  const cases: [string, string, RegExp][] = [
    ['pin3=p_99999*alphaT_1', 'pin3', /pin dropped: p: "99999" is outside \[/],
    ['pin1=alphaT_1e5', 'pin1', /pin dropped: alphaT: "1e5" is outside/],
    ['pin5=view_stability', 'pin5', /pin dropped: "view" is not a pinned parameter/],
    ['pin1=alphaT_NaN', 'pin1', /pin dropped: alphaT: "NaN" is not a number/],
    ['pin2=x_1', 'pin2', /pin dropped: "x" is not a pinned parameter/],
    ['pin2=alphaT_1*alphaT_2', 'pin2', /more than once/],
    ['pin4=p_2.5', 'pin4', /pin dropped: p: "2.5" is not a whole number$/],
    ['hide=foo', 'hide', /"foo" is not a panel or control; dropped/],
    ['hide=Infinity', 'hide', /"Infinity" is not a panel or control/],
  ];
  test.each(cases)('%s: notice on %s, value removed from the link', (query, key, message) => {
    const { params, notices } = parseLink(query);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.key).toBe(key);
    expect(notices[0]!.message).toMatch(message);
    expect(params[key as 'hide']).toBe('');
    expect(encodeLink(params)).toBe('v=2');
  });

  test('hide keeps the names that mean something', () => {
    const { params, notices } = parseLink('hide=controls,foo,p,bar');
    expect(params.hide).toBe('controls,p');
    expect(notices).toEqual([
      { key: 'hide', message: '"foo", "bar" are not a panel or control; dropped' },
    ]);
  });

  test('valid pins and hide lists pass untouched', () => {
    const q =
      'hide=controls,sim,explain,export,pins,readout,p,nt,stAlpha&pin1=alphaT_-1*p_80*sx_0.5,1.5&pin2=alphaR_0.3&pin3=cov_wishart*seed_7';
    const { params, notices } = parseLink(q);
    expect(notices).toEqual([]);
    expect(params.pin1).toBe('alphaT_-1*p_80*sx_0.5,1.5');
    expect(parseLink(encodeLink(params)).params).toEqual(params);
  });

  test('a repeated link version is named too', () => {
    expect(parseLink('v=1&v=abc').notices.map((n) => n.key)).toEqual(['v']);
  });

  test('a pin keeps exactly what the theory curves depend on', () => {
    expect([...PIN_KEYS].sort()).toEqual(
      ['alphaT', 'alphaR', ...Object.keys(theorySettingOf(defaultParams()))].sort(),
    );
  });
});
