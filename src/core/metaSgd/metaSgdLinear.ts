/**
 * Meta-SGD on mixed linear regression: meta-parameters are the initialization ω and the inner
 * learning rates α (one scalar, or one per parameter), free to become negative.
 * Inner step (theory.md §3 with the 1/n_t of §1): θ_i = ω − α ∘ (S_i ω − c_i).
 * Meta-training loss (theory.md §1): L = Σ_i |y_v(i) − X_v(i) θ_i|² / (2 n_v m).
 * In a linear model the MAML meta-gradient is exact in closed form:
 *   ∂L/∂ω = Σ_i (I − diag(α) S_i)ᵀ G_i,   ∂L/∂α = −Σ_i G_i ∘ (S_i ω − c_i),
 * with G_i = X_v(i)ᵀ(X_v(i)θ_i − y_v(i))/(n_v m) the gradient at the adapted point.
 * First-order MAML drops the second-order term: ∂L/∂ω ≈ Σ_i G_i.
 */
import { applyS, type LinearTask } from './linearTasks';

/** α of length 1 is a scalar rate (its gradient is the sum of the per-parameter gradients). */
export type Rates = Float64Array;

const rateAt = (alpha: Rates, j: number) => (alpha.length === 1 ? alpha[0] : alpha[j]);

export interface MetaGradient {
  loss: number;
  gradOmega: Float64Array;
  gradAlpha: Float64Array;
}

export function metaSgdLossAndGrad(
  tasks: readonly LinearTask[],
  omega: Float64Array,
  alpha: Rates,
  firstOrder = false,
): MetaGradient {
  const p = omega.length;
  const nv = tasks[0].yv.length;
  const scale = 1 / (nv * tasks.length);
  const gradOmega = new Float64Array(p);
  const gradAlphaFull = new Float64Array(p);
  let loss = 0;
  const innerGrad = new Float64Array(p);
  const theta = new Float64Array(p);
  const g = new Float64Array(p);
  for (const task of tasks) {
    applyS(task, omega, innerGrad);
    for (let a = 0; a < p; a++) {
      innerGrad[a] -= task.c[a];
      theta[a] = omega[a] - rateAt(alpha, a) * innerGrad[a];
    }
    g.fill(0);
    for (let i = 0; i < nv; i++) {
      let r = -task.yv[i];
      for (let a = 0; a < p; a++) r += task.xv[i * p + a] * theta[a];
      loss += 0.5 * scale * r * r;
      for (let a = 0; a < p; a++) g[a] += scale * r * task.xv[i * p + a];
    }
    for (let a = 0; a < p; a++) {
      gradAlphaFull[a] -= g[a] * innerGrad[a];
      gradOmega[a] += g[a];
    }
    if (!firstOrder) {
      // −S (α ∘ G): S is symmetric, so (diag(α) S)ᵀ G = S (α ∘ G).
      const sag = applyS(
        task,
        g.map((gb, b) => rateAt(alpha, b) * gb),
      );
      for (let a = 0; a < p; a++) gradOmega[a] -= sag[a];
    }
  }
  const gradAlpha =
    alpha.length === 1 ? Float64Array.of(gradAlphaFull.reduce((x, y) => x + y, 0)) : gradAlphaFull;
  return { loss, gradOmega, gradAlpha };
}
