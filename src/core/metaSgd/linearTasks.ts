/**
 * Mixed linear regression tasks for the Meta-SGD study (theory.md §1; Bernacchia 2021 §4).
 * Isotropic case: x ~ N(0, I_p), w ~ N(w0·1, ν²/p · I_p), y = xᵀw + z, z ~ N(0, σ²).
 * Matrices are row-major Float64Array (rows = data points).
 */
import type { ParamKey, Params } from '../params';
import type { Rng } from '../rng';
import { optimalAlphaRFromK } from '../theory';

/**
 * Isotropic mixed linear regression: the theory setting's sizes (w0, ω0 as constant vectors) and
 * the adaptation rate at meta-test (scores every trajectory's meta-parameters the same way).
 */
export type LinearSetting = Pick<Params, LinearSettingKey>;
export const LINEAR_SETTING_KEYS = [
  'p',
  'nt',
  'nv',
  'nr',
  'm',
  'sigma',
  'nu',
  'w0',
  'omega0',
  'alphaR',
] as const satisfies readonly ParamKey[];
type LinearSettingKey = (typeof LINEAR_SETTING_KEYS)[number];

/** Bernacchia Fig. 2 (theory.md §1 table): the setting where Eq. 8 gives αt⁻ = −1.011. */
export const FIG2_SETTING: LinearSetting = {
  p: 60,
  nt: 30,
  nv: 2,
  nr: 20,
  m: 3,
  sigma: 1,
  nu: 0.5,
  w0: 0,
  omega0: 0,
  alphaR: 0.2,
};

/**
 * One meta-training task. The inner-loss gradient is ∇(inner loss)(ω) = Sω − c with
 * S = X_tᵀX_t/n_t and c = X_tᵀy_t/n_t; S is applied as X_tᵀ(X_t v)/n_t (2 n_t p operations)
 * rather than formed (n_t p² operations).
 */
export interface LinearTask {
  /** Training inputs X_t (n_t × p). */
  xt: Float64Array;
  /** Validation inputs X_v (n_v × p) and labels y_v. */
  xv: Float64Array;
  yv: Float64Array;
  c: Float64Array;
}

/** out = S v = X_tᵀ(X_t v)/n_t. */
export function applyS(task: LinearTask, v: Float64Array, out = new Float64Array(v.length)) {
  const p = v.length;
  const nt = task.xt.length / p;
  out.fill(0);
  for (let i = 0; i < nt; i++) {
    const row = i * p;
    let xv = 0;
    for (let j = 0; j < p; j++) xv += task.xt[row + j] * v[j];
    xv /= nt;
    for (let j = 0; j < p; j++) out[j] += task.xt[row + j] * xv;
  }
  return out;
}

function drawRegression(rng: Rng, w: Float64Array, n: number, sigma: number) {
  const p = w.length;
  const x = rng.fillNormal(new Float64Array(n * p));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < p; j++) acc += x[i * p + j] * w[j];
    y[i] = acc + sigma * rng.normal();
  }
  return { x, y };
}

export function drawTask(rng: Rng, st: LinearSetting): LinearTask {
  const { p, nt } = st;
  const w = rng.fillNormal(new Float64Array(p), st.nu / Math.sqrt(p));
  for (let j = 0; j < p; j++) w[j] += st.w0;
  const train = drawRegression(rng, w, nt, st.sigma);
  const val = drawRegression(rng, w, st.nv, st.sigma);
  const c = new Float64Array(p);
  for (let i = 0; i < nt; i++)
    for (let a = 0; a < p; a++) c[a] += (train.x[i * p + a] * train.y[i]) / nt;
  return { xt: train.x, xv: val.x, yv: val.y, c };
}

export function drawTasks(rng: Rng, st: LinearSetting, count = st.m): LinearTask[] {
  return Array.from({ length: count }, () => drawTask(rng, st));
}

/** h = (1 − α)² + α²(p + 1)/n (theory.md §1 shorthands h_t, h_r). */
export function hFactor(alpha: number, p: number, n: number): number {
  return (1 - alpha) ** 2 + (alpha * alpha * (p + 1)) / n;
}

/**
 * Exact conditional expectation of the test loss of meta-parameters ω, adapted on n_r points with
 * rate α_r (theory.md §1, "exact conditional expectation"; Bernacchia Eq. 65 integrand):
 * L(ω) = σ²/2 (1 + α_r² p/n_r) + h_r/2 (ν² + |ω − w0|²).
 * Returns the loss and ∂L/∂ω = h_r (ω − w0).
 */
export function conditionalTestLoss(omega: Float64Array, st: LinearSetting) {
  const { p, nr, alphaR, sigma, nu } = st;
  const hr = hFactor(alphaR, p, nr);
  const grad = new Float64Array(p);
  let d2 = 0;
  for (let j = 0; j < p; j++) {
    const d = omega[j] - st.w0;
    d2 += d * d;
    grad[j] = hr * d;
  }
  const loss = ((sigma * sigma) / 2) * (1 + (alphaR * alphaR * p) / nr) + (hr / 2) * (nu * nu + d2);
  return { loss, grad };
}

/**
 * Expected validation loss of one fresh task after the inner step with scalar rate α on n_t points
 * (the same conditional expectation with α_t, n_t in place of α_r, n_r): the objective Meta-SGD with
 * fresh tasks every step descends on average. Its minimizer over α at ω = w0 is the best adaptation
 * rate for n_t points (theory.md §1, optimal α_r with K = ν²).
 */
export function adaptationObjective(omega: Float64Array, alpha: number, st: LinearSetting): number {
  return conditionalTestLoss(omega, { ...st, alphaR: alpha, nr: st.nt }).loss;
}

/** argmin over α of the adaptation loss with K = ν² + |ω − w0|² (theory.md §1, optimal α_r). */
export function bestAdaptationRate(k: number, p: number, n: number, sigma: number): number {
  return optimalAlphaRFromK(k, { p, nr: n, sigma }) ?? 0;
}
