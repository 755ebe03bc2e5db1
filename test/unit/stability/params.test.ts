import { describe, expect, test } from 'vitest';
import { PARAMS, PARAM_KEYS, parseLink } from '../../../src/core/params';
import { stabilityParams } from '../../../src/core/params/stabilityParams';
import { STABILITY_PRESETS } from '../../../src/core/stability/presets';

describe('stability parameters and presets', () => {
  test('link keys are unique across the whole table', () => {
    const keys = PARAM_KEYS.map((k) => PARAMS[k].urlKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of Object.keys(stabilityParams)) expect(PARAM_KEYS).toContain(k);
  });

  test('every preset link parses without a notice and sets what it says', () => {
    for (const preset of STABILITY_PRESETS) {
      const { params, notices } = parseLink(preset.query);
      expect(notices, preset.id).toEqual([]);
      expect(params.view).toBe('stability');
    }
    const fig3 = parseLink(STABILITY_PRESETS[0].query).params;
    expect(fig3.stAlpha).toEqual([1e-5, 0.09]);
    expect(fig3.stOrder).toBe('first-order');
  });
});
