/**
 * Random settings over the parameter table's ranges: the exact α_t argmin is never beaten by a
 * dense grid, and when it reports no minimiser the grid's minimum sits at the grid's edge.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { prepareTheory, type TheorySetting } from '../../../src/core/theory';
import { linspace } from './helpers';

describe('fuzz: exact argmins over random settings', () => {
  it('300 settings (Theorems 1, 2, 3 with diagonal spectra)', () => {
    const rng = createRng(31, 1);
    const ri = (a: number, b: number) => a + Math.floor(rng.uniform() * (b - a + 1));
    const ru = (a: number, b: number) => a + (b - a) * rng.uniform();
    const xs = linspace(-50, 50, 4001);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const small = rng.uniform() < 0.5; // half the draws overparameterized
      const s: TheorySetting = {
        p: ri(1, 1000),
        m: small ? ri(1, 20) : ri(1, 500),
        nt: ri(1, 1000),
        nv: small ? ri(1, 5) : ri(1, 1000),
        nr: ri(1, 1000),
        sigma: ru(0, 5),
        nu: ru(0, 5),
        w0: 0,
        omega0: 0,
        cov: rng.uniform() < 0.3 ? 'diag' : 'iso',
        sx: [ru(0, 10), ru(0, 10)],
        sw: [ru(0, 10), ru(0, 10)],
        seed: 1,
      };
      const model = prepareTheory(s);
      if (!model.theorem) continue;
      const ar = ru(-1, 2);
      const ys = model.curveAlphaT(ar, xs);
      let k = 0;
      for (let i = 1; i < ys.length; i++) if (ys[i] < ys[k]) k = i;
      const x = model.optimalAlphaT(ar);
      const where = `${JSON.stringify(s)} αr=${ar}`;
      if (x === null) expect(k === 0 || k === ys.length - 1, where).toBe(true);
      else expect(model.loss(x, ar), where).toBeLessThanOrEqual(ys[k] * (1 + 1e-13));
      const r = model.optimalAlphaR(0.1);
      if (r !== null) {
        expect(model.loss(0.1, r)).toBeLessThanOrEqual(model.loss(0.1, r + 1e-3));
        expect(model.loss(0.1, r)).toBeLessThanOrEqual(model.loss(0.1, r - 1e-3));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
