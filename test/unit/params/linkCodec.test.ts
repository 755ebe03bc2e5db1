import { describe, expect, test } from 'vitest';
import {
  PARAMS,
  checkTypedValue,
  PARAM_KEYS,
  defaultParams,
  encodeLink,
  parseLink,
  type ParamKey,
  type ParamSpec,
  type Params,
} from '../../../src/core/params';
import { problems } from './problems';
import { createRng } from '../../../src/core/rng';
import { THEORY_PRESETS } from '../../../src/core/presets';

/** Every value satisfies its spec: the invariant a garbled link must never break. */
function expectValid(params: Params) {
  expect(problems(params)).toEqual([]);
}

/** A random valid value for a spec. */
function randomValue(key: ParamKey, u: () => number): unknown {
  const spec = PARAMS[key] as ParamSpec;
  switch (spec.kind) {
    case 'number': {
      const x = spec.min + u() * (spec.max - spec.min);
      return spec.integer ? Math.round(x) : Number(x.toPrecision(6));
    }
    case 'enum':
      return spec.options[Math.floor(u() * spec.options.length)];
    case 'pair': {
      const ends = [0, 1].map(() =>
        Number((spec.min + u() * (spec.max - spec.min)).toPrecision(5)),
      );
      // A range (ordered) is valid only ascending.
      return spec.ordered ? ends.sort((a, b) => a - b) : ends;
    }
    case 'boolean':
      return u() < 0.5;
    case 'text': {
      // Samples of the two text formats in use (name lists, pinned comparisons).
      const samples = ['', 'controls,sim,p', `alphaT_${-u().toFixed(3)}*p_80*sx_0.5,1.5`];
      return samples.filter((x) => x === '' || spec.pattern.test(x))[Math.floor(u() * 2)] ?? '';
    }
  }
}

describe('link codec', () => {
  test('defaults encode to just the version, and parse back to defaults with no notice', () => {
    expect(encodeLink(defaultParams())).toBe('v=2');
    expect(parseLink('?v=2')).toEqual({ params: defaultParams(), notices: [] });
    // A version-1 link keeps the defaults it was made with (stTasks was 1 then).
    expect(parseLink('?v=1')).toEqual({
      params: {
        ...defaultParams(),
        stTasks: 1,
        stEvalTasks: 5,
        f5Epochs: 300,
        f5Lr: 0.005,
        f5Alphas: [-0.1, 0.1],
        f5Runs: 8,
      },
      notices: [],
    });
    expect(parseLink('')).toEqual({ params: defaultParams(), notices: [] });
  });

  test('readable keys and values, pairs with a comma', () => {
    const p = {
      ...defaultParams(),
      alphaT: -1.25,
      p: 100,
      cov: 'diag' as const,
      sx: [0.5, 2] as const,
    };
    const q = encodeLink(p);
    expect(q).toContain('alphaT=-1.25');
    expect(q).toContain('p=100');
    expect(q).toContain('cov=diag');
    expect(q).toContain('sx=0.5,2');
  });

  test('round trip of 2000 random valid states (full URLs too)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const p = defaultParams() as Record<string, unknown>;
      for (const k of PARAM_KEYS) if (rng.uniform() < 0.5) p[k] = randomValue(k, rng.uniform);
      const q = encodeLink(p as Params);
      const back = parseLink(i % 2 ? q : `https://example.org/app/?${q}#x`);
      expect(back.notices).toEqual([]);
      expect(back.params).toEqual(p);
    }
  });

  test('bad values are replaced or clamped, and each is named in a notice', () => {
    const { params, notices } = parseLink(
      '?p=abc&m=1e9&nt=2.5&cov=<script>alert(1)</script>&sx=1&alphaT=Infinity&zzz=1&p=5',
    );
    const d = defaultParams();
    expect(params.p).toBe(d.p);
    expect(params.m).toBe(PARAMS.m.max);
    expect(params.nt).toBe(3);
    expect(params.cov).toBe('iso');
    expect(params.sx).toEqual(d.sx);
    expect(params.alphaT).toBe(d.alphaT);
    const keys = notices.map((n) => n.key);
    for (const k of ['p', 'm', 'nt', 'cov', 'sx', 'alphaT', 'zzz']) expect(keys).toContain(k);
    expect(notices.find((n) => n.key === 'p' && /more than once/.test(n.message))).toBeTruthy();
    // Hostile text is quoted (truncated) in plain text, never interpreted.
    expect(notices.find((n) => n.key === 'cov')!.message.length).toBeLessThan(120);
  });

  test('newer link versions are read with a notice', () => {
    const { params, notices } = parseLink('v=99&p=70');
    expect(params.p).toBe(70);
    expect(notices.map((n) => n.key)).toEqual(['v']);
  });

  test('fuzz: 5000 garbage links never throw and always yield valid parameters', () => {
    const rng = createRng(11);
    const alphabet = Array.from('abcxyz0123456789.-+eE,=&?%#;<>"\'/\\ \u0000\u202e😀');
    const keys = [...PARAM_KEYS.map((k) => PARAMS[k].urlKey), 'v', '', 'constructor', '__proto__'];
    const junk = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(rng.uniform() * alphabet.length)]).join(
        '',
      );
    for (let i = 0; i < 5000; i++) {
      let link: string;
      if (i % 3 === 0) link = junk(Math.floor(rng.uniform() * 80));
      else {
        const parts = Array.from({ length: 1 + Math.floor(rng.uniform() * 8) }, () => {
          const k = keys[Math.floor(rng.uniform() * keys.length)];
          return `${k}=${rng.uniform() < 0.3 ? encodeURIComponent(junk(6)) : junk(5)}`;
        });
        link = '?' + parts.join('&');
      }
      const { params, notices } = parseLink(link);
      expectValid(params);
      for (const n of notices) expect(typeof n.message).toBe('string');
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    }
  });

  test('every preset parses cleanly', () => {
    for (const preset of THEORY_PRESETS)
      expect(parseLink(preset.query).notices, preset.id).toEqual([]);
  });

  test('a reversed range is swapped and an empty one replaced, each with a notice; spectra may descend', () => {
    const r = parseLink('view=stability&stAlpha=5,1&stBeta=2,2&sx=1.75,0.25&cov=diag');
    expect(r.params.stAlpha).toEqual([1, 5]);
    expect(r.params.stBeta).toEqual(PARAMS.stBeta.default);
    expect(r.params.sx).toEqual([1.75, 0.25]);
    const keys = r.notices.map((n) => n.key);
    expect(keys).toContain('stAlpha');
    expect(keys).toContain('stBeta');
    expect(keys).not.toContain('sx');
    expect(r.notices.find((n) => n.key === 'stAlpha')!.message).toMatch(/reversed.*swapped/);
  });

  test('a typed value is checked by the same path as a link value: same value, same words', () => {
    for (const [key, raw] of [
      ['alphaT', '5'],
      ['alphaT', '-3.0001'],
      ['p', '60.4'],
      ['p', '0'],
      ['stAlpha', '5,1'],
    ] as const) {
      const typed = checkTypedValue(key, raw);
      const linked = parseLink(`${PARAMS[key].urlKey}=${raw}`);
      expect(typed.value).toEqual(linked.params[key]);
      expect(linked.notices.map((n) => n.message)).toContain(typed.problem);
    }
    expect(checkTypedValue('alphaT', '-1').problem).toBeUndefined();
  });
});
