/**
 * The outer loop solved exactly (theory.md §1) for inner rates α (scalar or per parameter), and
 * the hyper-gradient of the test loss of that solution with respect to α.
 *
 * Stacking the m tasks, B_i = X_v(i)(I − diag(α) S_i) and γ_i = y_v(i) − X_v(i) diag(α) c_i:
 * - overparameterized (p > n_v m): ω* = ω0 + Bᵀ(BBᵀ)⁻¹(γ − Bω0), the solution gradient descent
 *   from ω0 converges to;
 * - underparameterized (p < n_v m): ω* = (BᵀB)⁻¹Bᵀγ (least squares).
 * Reverse-mode differentiation through the linear solve (adjoint method), with g = ∂L/∂ω*:
 * - over:  u = A⁻¹(γ − Bω0), v = A⁻¹Bg, e = g − Bᵀv (A = BBᵀ)
 * - under: a = γ − Bω*, e = (BᵀB)⁻¹g, v = Be
 * and in both cases  ∂L/∂α_j = Σ_i [ −(X_v(i)ᵀa_i)_j (S_i e)_j + (X_v(i)ᵀv_i)_j ((S_i ω*)_j − c_ij) ]
 * (a = u when overparameterized). A scalar α gets the sum over j.
 */
import { choleskyFactor, choleskySubstitute } from '../linalg/cholesky';
import { applyS, conditionalTestLoss, type LinearSetting, type LinearTask } from './linearTasks';
import type { Rates } from './metaSgdLinear';

const rateAt = (alpha: Rates, j: number) => (alpha.length === 1 ? alpha[0] : alpha[j]);

/** B (N × p, N = n_v m) and γ for rates α (theory.md §1: B and γ are affine in α). */
export function stackOuterSystem(tasks: readonly LinearTask[], alpha: Rates) {
  const p = tasks[0].c.length;
  const nv = tasks[0].yv.length;
  const n = nv * tasks.length;
  const b = new Float64Array(n * p);
  const gamma = new Float64Array(n);
  const ax = new Float64Array(p);
  const sAx = new Float64Array(p);
  tasks.forEach((task, i) => {
    for (let k = 0; k < nv; k++) {
      const row = (i * nv + k) * p;
      const x = task.xv.subarray(k * p, (k + 1) * p);
      let xDc = 0;
      for (let j = 0; j < p; j++) {
        ax[j] = rateAt(alpha, j) * x[j];
        xDc += ax[j] * task.c[j];
      }
      applyS(task, ax, sAx); // rows of X_v diag(α) S = (S (α ∘ x))ᵀ
      for (let j = 0; j < p; j++) b[row + j] = x[j] - sAx[j];
      gamma[i * nv + k] = task.yv[k] - xDc;
    }
  });
  return { b, gamma, n, p };
}

function matVec(b: Float64Array, n: number, p: number, x: Float64Array) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < p; j++) acc += b[i * p + j] * x[j];
    out[i] = acc;
  }
  return out;
}

function matTVec(b: Float64Array, n: number, p: number, y: Float64Array) {
  const out = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j] += b[i * p + j] * y[i];
  return out;
}

/** BBᵀ (N × N) when transposeFirst = false, BᵀB (p × p) otherwise. */
function gram(b: Float64Array, n: number, p: number, transposeFirst: boolean) {
  if (!transposeFirst) {
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let k = 0; k <= i; k++) {
        let acc = 0;
        for (let j = 0; j < p; j++) acc += b[i * p + j] * b[k * p + j];
        g[i * n + k] = g[k * n + i] = acc;
      }
    return g;
  }
  const g = new Float64Array(p * p);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < p; a++) {
      const ba = b[i * p + a];
      for (let c = 0; c <= a; c++) g[a * p + c] += ba * b[i * p + c];
    }
  for (let a = 0; a < p; a++) for (let c = 0; c < a; c++) g[c * p + a] = g[a * p + c];
  return g;
}

export interface OuterSolution {
  omegaStar: Float64Array;
  /** Exact conditional test loss of ω* (theory.md §1). */
  testLoss: number;
  /** ∂ testLoss / ∂α (length of α). */
  hyperGrad: Float64Array;
}

/** ω*(α) for one meta-training draw, its test loss and (optionally) the hyper-gradient. */
export function solveOuterLoop(
  tasks: readonly LinearTask[],
  alpha: Rates,
  st: LinearSetting,
  withGrad = true,
): OuterSolution {
  const { b, gamma, n, p } = stackOuterSystem(tasks, alpha);
  const over = p > n;
  let omegaStar: Float64Array;
  let solve: (rhs: Float64Array) => Float64Array;
  let uOrRes: Float64Array;
  if (over) {
    const l = positiveDefiniteFactor(gram(b, n, p, false), n);
    solve = (rhs) => choleskySubstitute(l, n, rhs);
    const omega0 = new Float64Array(p).fill(st.omega0);
    const bw0 = matVec(b, n, p, omega0);
    uOrRes = solve(gamma.map((gm, i) => gm - bw0[i]));
    const btu = matTVec(b, n, p, uOrRes);
    omegaStar = omega0.map((w, j) => w + btu[j]);
  } else {
    const l = positiveDefiniteFactor(gram(b, n, p, true), p);
    solve = (rhs) => choleskySubstitute(l, p, rhs);
    omegaStar = solve(matTVec(b, n, p, gamma));
    const bw = matVec(b, n, p, omegaStar);
    uOrRes = gamma.map((gm, i) => gm - bw[i]);
  }
  const { loss, grad } = conditionalTestLoss(omegaStar, st);
  if (!withGrad) return { omegaStar, testLoss: loss, hyperGrad: new Float64Array(alpha.length) };
  let e: Float64Array;
  let v: Float64Array;
  if (over) {
    v = solve(matVec(b, n, p, grad));
    const btv = matTVec(b, n, p, v);
    e = grad.map((gj, j) => gj - btv[j]);
  } else {
    e = solve(grad);
    v = matVec(b, n, p, e);
  }
  const full = new Float64Array(p);
  const nv = tasks[0].yv.length;
  const se = new Float64Array(p);
  const sw = new Float64Array(p);
  tasks.forEach((task, i) => {
    applyS(task, e, se);
    applyS(task, omegaStar, sw);
    for (let j = 0; j < p; j++) {
      let xa = 0;
      let xv = 0;
      for (let k = 0; k < nv; k++) {
        xa += task.xv[k * p + j] * uOrRes[i * nv + k];
        xv += task.xv[k * p + j] * v[i * nv + k];
      }
      full[j] += -xa * se[j] + xv * (sw[j] - task.c[j]);
    }
  });
  const hyperGrad = alpha.length === 1 ? Float64Array.of(full.reduce((x, y) => x + y, 0)) : full;
  return { omegaStar, testLoss: loss, hyperGrad };
}

/** In-place Cholesky factor of a Gram matrix; a singular one (p = n_v·m, duplicate rows) throws. */
function positiveDefiniteFactor(a: Float64Array, n: number): Float64Array {
  if (choleskyFactor(a, n, a, { relTol: 0 }))
    throw new Error('cholesky: matrix is not positive definite');
  return a;
}
