import { describe, expect, test } from 'vitest';
import { decodePin, encodePin, pinLabel } from '../../../src/ui/compare/pins';
import { PIN_PATTERN } from '../../../src/core/params/uiParams';
import { parseLink } from '../../../src/core/params';

const params = (q: string) => parseLink(q).params;

describe('pins', () => {
  test('encode → link pattern → decode round trip keeps the theory setting', () => {
    const p = params('alphaT=-1&p=80&cov=diag&sx=0.5,1.5&runs=50&focus=alphaT');
    const pin = encodePin(p);
    expect(pin).toMatch(PIN_PATTERN);
    expect(pin).not.toMatch(/runs|focus/); // only what the theory curves depend on
    const back = decodePin(pin)!;
    for (const k of ['alphaT', 'alphaR', 'p', 'cov', 'sx'] as const) expect(back[k]).toEqual(p[k]);
    expect(encodePin(params(''))).toBe('alphaT_0.2*alphaR_0.2');
  });
  test('bad pins are dropped, not clamped', () => {
    expect(decodePin('p_99999')).toBeNull();
    expect(decodePin('runs_10')).toBeNull();
    expect(decodePin('alphaT_abc')).toBeNull();
    expect(decodePin('')).toBeNull();
  });
  test('labels name the parameters that differ', () => {
    const pin = decodePin('alphaT_-1*p_80')!;
    expect(pinLabel(pin, params('alphaT=-1&p=60'))).toBe('p = 80');
    expect(pinLabel(pin, params(''))).toBe('αt = -1, p = 80');
    expect(pinLabel(pin, params('alphaT=-1&p=80'))).toBe('same as now');
  });
});
