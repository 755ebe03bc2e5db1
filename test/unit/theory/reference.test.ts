/** Every theory value of the shared reference file, to relative 1e-10 (theory.md §4). */
import { describe, expect, it } from 'vitest';
import {
  conditionalTestLoss,
  eq10SlopeAtZero,
  eq8AlphaTStationaryPoints,
  optimalAlphaRTheorem1,
  prepareTheory,
  theorem1Loss,
  theorem2Loss,
} from '../../../src/core/theory';
import { fig2, loadReference, relErr, setting, sizesFromParams } from './helpers';

const TOL = 1e-10;
const ref = loadReference();
const byId = (id: string) => {
  const e = ref.find((v) => v.id === id);
  if (!e) throw new Error(`missing reference ${id}`);
  return e;
};

describe('reference values (theory)', () => {
  it('fig2_thm1_L_at0.2_ar0.2: Theorem 1', () => {
    const e = byId('fig2_thm1_L_at0.2_ar0.2');
    const s = sizesFromParams(e.params!);
    expect(relErr(theorem1Loss(s, e.alpha_t!, e.alpha_r!), e.value!)).toBeLessThan(TOL);
    expect(relErr(prepareTheory(setting(s)).loss(e.alpha_t!, e.alpha_r!), e.value!)).toBeLessThan(
      TOL,
    );
  });

  it('fig2_eq8_alpha_t_minus: Eq. 8 and the model argmin', () => {
    const e = byId('fig2_eq8_alpha_t_minus');
    const s = sizesFromParams(e.params!);
    expect(relErr(eq8AlphaTStationaryPoints(s.p, s.nt).minus, e.value!)).toBeLessThan(TOL);
    expect(relErr(prepareTheory(setting(s)).optimalAlphaT(0.2)!, e.value!)).toBeLessThan(TOL);
  });

  it('fig2_alpha_r_opt_at_at0.2: closed-form optimal α_r of Theorem 1', () => {
    const e = byId('fig2_alpha_r_opt_at_at0.2');
    const s = sizesFromParams(e.params!);
    expect(relErr(optimalAlphaRTheorem1(s, e.alpha_t!)!, e.value!)).toBeLessThan(TOL);
    expect(relErr(prepareTheory(setting(s)).optimalAlphaR(e.alpha_t!)!, e.value!)).toBeLessThan(
      TOL,
    );
  });

  it('fig3_thm2_L_at0.2_ar0.2: Theorem 2', () => {
    const e = byId('fig3_thm2_L_at0.2_ar0.2');
    const s = sizesFromParams(e.params!);
    expect(relErr(theorem2Loss(s, e.alpha_t!, e.alpha_r!), e.value!)).toBeLessThan(TOL);
    const model = prepareTheory(setting(s));
    expect(model.theorem).toBe('2');
    expect(relErr(model.loss(e.alpha_t!, e.alpha_r!), e.value!)).toBeLessThan(TOL);
  });

  it('fig3_eq10_slope_at_alpha_t0: Eq. 10', () => {
    const e = byId('fig3_eq10_slope_at_alpha_t0');
    const s = sizesFromParams(e.params!);
    expect(relErr(eq10SlopeAtZero(s, e.alpha_r!), e.value!)).toBeLessThan(TOL);
    expect(relErr(prepareTheory(setting(s)).slopeAtZeroAlphaT(e.alpha_r!), e.value!)).toBeLessThan(
      TOL,
    );
  });

  it('cond_loss_eq65_iso: conditional test loss, isotropic', () => {
    const e = byId('cond_loss_eq65_iso');
    const d = Float64Array.from({ length: 60 }, (_, i) => 0.1 * Math.cos(i)); // w0 = 0
    expect(relErr(conditionalTestLoss(d, e.alpha_r!, fig2), e.value!)).toBeLessThan(TOL);
  });

  it('every theory entry and every simulation entry’s "theory" field', () => {
    let checked = 0;
    for (const e of ref) {
      const target = e.kind === 'theory' ? e.value : e.theory;
      if (target === undefined || !e.params || e.alpha_t === undefined || e.alpha_r === undefined)
        continue;
      const model = prepareTheory(setting(sizesFromParams(e.params)));
      expect(relErr(model.loss(e.alpha_t, e.alpha_r), target), e.id).toBeLessThan(TOL);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5); // 2 theory losses + 3 simulation entries
  });
});
