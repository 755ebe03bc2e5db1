import { describe, expect, test } from 'vitest';
import { PARAMS, PARAM_KEYS, type ParamKey } from '../../../src/core/params';
import { STABILITY_PRESETS, stabilityParams } from '../../../src/core/params/stabilityParams';

describe('stability parameters and presets', () => {
  test('link keys are unique across the whole table', () => {
    const keys = PARAM_KEYS.map((k) => PARAMS[k].urlKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of Object.keys(stabilityParams)) expect(PARAM_KEYS).toContain(k);
  });

  test('every preset value is valid for its spec', () => {
    for (const preset of Object.values(STABILITY_PRESETS)) {
      for (const [key, value] of Object.entries(preset.params)) {
        const spec = PARAMS[key as ParamKey];
        expect(spec, key).toBeDefined();
        if (spec.kind === 'enum') expect(spec.options).toContain(value);
        if (spec.kind === 'number') {
          expect(value as number).toBeGreaterThanOrEqual(spec.min);
          expect(value as number).toBeLessThanOrEqual(spec.max);
        }
        if (spec.kind === 'pair') {
          for (const v of value as number[]) {
            expect(v).toBeGreaterThanOrEqual(spec.min);
            expect(v).toBeLessThanOrEqual(spec.max);
          }
        }
      }
    }
  });
});
