import { describe, expect, test } from 'vitest';
import { parseLink } from '../../../src/core/params';
import { settingGrid } from '../../../src/core/stability/settingGrid';
import { STABILITY_PRESETS } from '../../../src/core/stability/presets';
import { THEORY_PRESETS } from '../../../src/core/presets';
import { isDiscreteChange } from '../../../src/state/urlSync';
import { presetState } from '../../../src/ui/presetMatch';

const params = (q: string) => parseLink(q).params;

describe('history: which changes are a step Back can return to', () => {
  const base = params('');
  test('a number or a range edit is not; a choice, a view, a toggle or a loaded link is', () => {
    expect(isDiscreteChange(base, { ...base, alphaT: -1 })).toBe(false);
    expect(isDiscreteChange(base, { ...base, stAlpha: [0.1, 0.2] })).toBe(false);
    expect(isDiscreteChange(base, { ...base, focus: 'alphaT' })).toBe(true);
    expect(isDiscreteChange(base, { ...base, view: 'stability' })).toBe(true);
    expect(isDiscreteChange(base, { ...base, band: true })).toBe(true);
    expect(isDiscreteChange(base, params('alphaT=0.5&p=80'))).toBe(true);
    // The same link loaded again (new arrays, same numbers) changes nothing.
    expect(isDiscreteChange(base, params(''))).toBe(false);
  });
});

describe('stability settings bring their preset grid', () => {
  test('sinusoid: Fig. 4a’s 20 × 20 grid; linear: the defaults; mixed: αt from −1 to 1', () => {
    expect(settingGrid('sinusoid')).toEqual({
      stAlpha: [0.0001, 0.9],
      stBeta: [0.01, 9],
      stAlphaAxis: 'log',
      stBetaAxis: 'log',
      stAlphaCells: 20,
      stBetaCells: 20,
    });
    const d = params('');
    expect(settingGrid('linear')).toMatchObject({ stAlpha: d.stAlpha, stAlphaCells: 40 });
    expect(settingGrid('mixed')).toMatchObject({ stAlpha: [-1, 1], stAlphaAxis: 'linear' });
  });
});

describe('preset menu state', () => {
  test('the preset while equal (presentation flags aside), custom after an edit, blank at defaults', () => {
    const fig2b = THEORY_PRESETS.find((p) => p.id === 'fig2b')!;
    expect(presetState(THEORY_PRESETS, 'theory', params(''))).toBe('');
    expect(presetState(THEORY_PRESETS, 'theory', params(fig2b.query))).toBe('fig2b');
    expect(presetState(THEORY_PRESETS, 'theory', params(`${fig2b.query}&projector=1`))).toBe(
      'fig2b',
    );
    expect(
      presetState(THEORY_PRESETS, 'theory', params(fig2b.query.replace('alphaT=0.2', 'alphaT=-1'))),
    ).toBe('custom');
    const fig4a = STABILITY_PRESETS.find((p) => p.id === 'fig4a')!;
    expect(presetState(STABILITY_PRESETS, 'stability', params(fig4a.query))).toBe('fig4a');
  });
});
