import { PARAMS, pickParams, THEORY_SETTING_KEYS, type Notice, type Params } from './params';
import { prepareTheory, type Regime, type Theorem, type TheoryModel } from './theory';

/**
 * What the theory view shows for a set of parameters, as plain data: the page draws it and the
 * CLI prints it (`npm run repro`), so both are computed by this one function.
 */
export interface TheoryReport {
  config: Params;
  notices: Notice[];
  current: {
    theory: number | null;
    theorem: Theorem | null;
    regime: Regime;
    /** nv·m/p: < 1 overparameterized, > 1 underparameterized. */
    ratio: number;
    /** Near the transition (0.3 ≤ nv·m/p ≤ 3) the theorems are 20–40 % off (Fig. 6b/6c). */
    unreliable: boolean;
    unavailableReason: string | null;
  };
  optimum: {
    /** argmin over αt at the current αr (Eq. 8 for Theorem 1; exact root for Theorems 2, 3). */
    alphaT: number | null;
    /** argmin over αr at the current αt (closed form). */
    alphaR: number | null;
    lossAtAlphaT: number | null;
    lossAtAlphaR: number | null;
  };
  curves: {
    alphaT: { x: number[]; theory: (number | null)[] };
    alphaR: { x: number[]; theory: (number | null)[] };
  };
}

/** Points per theory curve. */
export const CURVE_POINTS = 401;

import { linspace } from './linalg/linspace';

export { linspace };

/** JSON has no NaN/Infinity: non-finite values (no theory, overflow) become null. */
const finiteOrNull = (x: number | null | undefined) =>
  x !== null && x !== undefined && Number.isFinite(x) ? x : null;

export const theorySettingOf = (p: Params) => pickParams(p, THEORY_SETTING_KEYS);

export function theoryModelOf(params: Params): TheoryModel {
  return prepareTheory(theorySettingOf(params));
}

export function computeTheoryReport(
  params: Params,
  notices: Notice[] = [],
  points = CURVE_POINTS,
): TheoryReport {
  const model = theoryModelOf(params);
  const { alphaT, alphaR } = params;
  const xT = linspace(PARAMS.alphaT.min, PARAMS.alphaT.max, points);
  const xR = linspace(PARAMS.alphaR.min, PARAMS.alphaR.max, points);
  const has = model.theorem !== null;
  const optT = has ? model.optimalAlphaT(alphaR) : null;
  const optR = has ? model.optimalAlphaR(alphaT) : null;
  return {
    config: params,
    notices,
    current: {
      theory: has ? finiteOrNull(model.loss(alphaT, alphaR)) : null,
      theorem: model.theorem,
      regime: model.regime,
      ratio: model.ratio,
      unreliable: model.unreliable,
      unavailableReason: model.unavailableReason,
    },
    optimum: {
      alphaT: finiteOrNull(optT),
      alphaR: finiteOrNull(optR),
      lossAtAlphaT: optT === null ? null : finiteOrNull(model.loss(optT, alphaR)),
      lossAtAlphaR: optR === null ? null : finiteOrNull(model.loss(alphaT, optR)),
    },
    curves: {
      alphaT: {
        x: [...xT],
        theory: has
          ? [...model.curveAlphaT(alphaR, xT)].map(finiteOrNull)
          : [...xT].map(() => null),
      },
      alphaR: {
        x: [...xR],
        theory: has
          ? [...model.curveAlphaR(alphaT, xR)].map(finiteOrNull)
          : [...xR].map(() => null),
      },
    },
  };
}
