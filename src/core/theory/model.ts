/**
 * prepareTheory: picks the theorem that applies to a setting, precomputes what it needs once
 * (covariances and their traces for Theorem 3, Theorem 2's polynomial) and returns cheap
 * evaluators for the explorer's curves and markers.
 */
import { optimalAlphaTTheorem1, optimalAlphaTTheorem2, optimalAlphaTTheorem3 } from './argmin';
import {
  optimalAlphaRTheorem1,
  optimalAlphaRTheorem2,
  optimalAlphaRTheorem3,
} from './optimalAlphaR';
import { polyEval, ratioDerivativeNumerator } from './polynomial';
import { adaptationLossQuadratic } from './shorthands';
import { theorem1Loss, theorem1SlopeAtZero } from './theorem1';
import { eq10SlopeAtZero, theorem2BracketPoly, theorem2Loss } from './theorem2';
import {
  evalTheorem3AlphaTForm,
  theorem3AlphaTForm,
  theorem3Loss,
  theorem3MMoments,
} from './theorem3';
import { tracesFor } from './traceCache';
import type { Regime, Theorem, TheoryModel, TheorySetting } from './types';

/** Band of nv·m/p around the transition where the theorems are 20–40 % off (Fig. 6b/6c). */
export const UNRELIABLE_RATIO_RANGE: readonly [number, number] = [0.3, 3];

type Evaluators = Omit<
  TheoryModel,
  'setting' | 'regime' | 'ratio' | 'theorem' | 'unavailableReason' | 'unreliable'
>;

function mapCurve(xs: Float64Array, f: (x: number) => number): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  return out;
}

const noTheory: Evaluators = {
  loss: () => NaN,
  optimalAlphaT: () => null,
  optimalAlphaR: () => null,
  slopeAtZeroAlphaT: () => NaN,
  curveAlphaT: (_ar, xs) => new Float64Array(xs.length).fill(NaN),
  curveAlphaR: (_at, xs) => new Float64Array(xs.length).fill(NaN),
};

function theorem1Evaluators(s: TheorySetting): Evaluators {
  return {
    loss: (at, ar) => theorem1Loss(s, at, ar),
    optimalAlphaT: () => optimalAlphaTTheorem1(s),
    optimalAlphaR: (at) => optimalAlphaRTheorem1(s, at),
    slopeAtZeroAlphaT: (ar) => theorem1SlopeAtZero(s, ar),
    curveAlphaT: (ar, xs) => mapCurve(xs, (at) => theorem1Loss(s, at, ar)),
    curveAlphaR: (at, xs) => mapCurve(xs, (ar) => theorem1Loss(s, at, ar)),
  };
}

function theorem2Evaluators(s: TheorySetting): Evaluators {
  const bracket = theorem2BracketPoly(s);
  let argmin: number | null | undefined; // independent of α_r: computed once, on demand
  return {
    loss: (at, ar) => theorem2Loss(s, at, ar, bracket),
    optimalAlphaT: () =>
      argmin === undefined ? (argmin = optimalAlphaTTheorem2(s, bracket)) : argmin,
    optimalAlphaR: (at) => optimalAlphaRTheorem2(s, at, bracket),
    slopeAtZeroAlphaT: (ar) => eq10SlopeAtZero(s, ar),
    curveAlphaT: (ar, xs) => mapCurve(xs, (at) => theorem2Loss(s, at, ar, bracket)),
    curveAlphaR: (at, xs) => mapCurve(xs, (ar) => theorem2Loss(s, at, ar, bracket)),
  };
}

function theorem3Evaluators(s: TheorySetting): Evaluators {
  const tr = tracesFor(s);
  return {
    loss: (at, ar) => theorem3Loss(s, tr, at, ar),
    optimalAlphaT: (ar) => optimalAlphaTTheorem3(s, tr, ar),
    optimalAlphaR: (at) => optimalAlphaRTheorem3(s, tr, at),
    slopeAtZeroAlphaT: (ar) => {
      // weight · d/dα [N/T²] at 0 = weight · (N'T − 2NT')(0)/T(0)³
      const f = theorem3AlphaTForm(s, tr, ar);
      const t0 = polyEval(f.denominator, 0);
      return (
        (f.weight * polyEval(ratioDerivativeNumerator(f.numerator, f.denominator, 2), 0)) / t0 ** 3
      );
    },
    curveAlphaT: (ar, xs) => {
      const f = theorem3AlphaTForm(s, tr, ar);
      return mapCurve(xs, (at) => evalTheorem3AlphaTForm(f, at));
    },
    curveAlphaR: (at, xs) => {
      const [e1, e2, e3] = theorem3MMoments(s, tr, at);
      const [q0, q1, q2] = adaptationLossQuadratic(e1, e2, e3, tr.trSigmaPow[2], s.sigma, s.nr);
      return mapCurve(xs, (ar) => q0 + ar * (q1 + ar * q2));
    },
  };
}

/** Which theorem applies (theory.md §1), or why none does. */
export function selectTheorem(s: TheorySetting): {
  theorem: Theorem | null;
  reason: string | null;
} {
  const sizes = [s.p, s.m, s.nt, s.nv, s.nr];
  if (!sizes.every((n) => Number.isFinite(n) && n >= 1)) {
    return { theorem: null, reason: 'Invalid setting: p, m, nt, nv and nr must be at least 1.' };
  }
  const nvm = s.nv * s.m;
  if (s.cov === 'iso') {
    if (s.p > nvm) return { theorem: '1', reason: null };
    if (s.p < nvm) return { theorem: '2', reason: null };
    return {
      theorem: null,
      reason:
        'No theory at p = nv·m: this is the transition between Theorem 1 (p > nv·m) and Theorem 2 (p < nv·m), where the outer problem is singular.',
    };
  }
  const sxMax = s.p === 1 ? s.sx[0] : Math.max(s.sx[0], s.sx[1]);
  if (s.cov === 'diag' && !(sxMax > 0)) {
    return {
      theorem: null,
      reason: 'No theory: Σ = 0 makes every input zero, so the outer problem is singular.',
    };
  }
  const violations: string[] = [];
  if (s.p <= nvm) violations.push(`p = ${s.p} ${s.p === nvm ? '=' : '<'} nv·m = ${nvm}`);
  if (s.w0 !== 0) violations.push(`w0 = ${s.w0}`);
  if (s.omega0 !== 0) violations.push(`ω0 = ${s.omega0}`);
  if (violations.length === 0) return { theorem: '3', reason: null };
  return {
    theorem: null,
    reason: `No theory available: Theorem 3 covers only non-isotropic covariances with p > nv·m and w0 = ω0 = 0 (here ${violations.join(', ')}).`,
  };
}

function settingKey(s: TheorySetting): string {
  return [
    s.p,
    s.m,
    s.nt,
    s.nv,
    s.nr,
    s.sigma,
    s.nu,
    s.w0,
    s.omega0,
    s.cov,
    s.sx[0],
    s.sx[1],
    s.sw[0],
    s.sw[1],
    s.seed,
  ].join('|');
}

let lastKey: string | null = null;
let lastModel: TheoryModel | null = null;

/**
 * The theory model of a setting: one-time precompute, then O(1) per loss evaluation. The last
 * model is memoized (keyed by the setting's fields only, so extra fields of a params object are
 * ignored).
 */
export function prepareTheory(setting: TheorySetting): TheoryModel {
  const key = settingKey(setting);
  if (key === lastKey && lastModel) return lastModel;
  const s: TheorySetting = {
    ...setting,
    sx: [setting.sx[0], setting.sx[1]],
    sw: [setting.sw[0], setting.sw[1]],
  };
  const nvm = s.nv * s.m;
  const regime: Regime = s.p > nvm ? 'over' : s.p < nvm ? 'under' : 'critical';
  const ratio = nvm / s.p;
  const { theorem, reason } = selectTheorem(s);
  const evaluators =
    theorem === '1'
      ? theorem1Evaluators(s)
      : theorem === '2'
        ? theorem2Evaluators(s)
        : theorem === '3'
          ? theorem3Evaluators(s)
          : noTheory;
  const model: TheoryModel = {
    setting: s,
    regime,
    ratio,
    theorem,
    unavailableReason: reason,
    unreliable: ratio >= UNRELIABLE_RATIO_RANGE[0] && ratio <= UNRELIABLE_RATIO_RANGE[1],
    ...evaluators,
  };
  lastKey = key;
  lastModel = model;
  return model;
}
