/**
 * FLOP counts of MAML on a ReLU MLP (sizes [d_0 … d_L]), counting the matrix products only (2 per
 * multiply-add; elementwise work is O(1/width) of it): what the benches divide their times by.
 * Per layer l (d_{l-1} × d_l weights, h = [l > 1] for the delta passed down):
 *   support: forward + weight gradient + (h) input delta          → n_s (2 + h) products
 *   query at θ′: the same                                         → n_q (2 + h)
 *   exact second order, Hessian-vector product (R-operator): forward A·V + (h) R{A}·W,
 *   backward Aᵀ·R{G} + (h) R{A}ᵀ·G + (h) R{G}·Wᵀ + (h) G·Vᵀ       → n_s (2 + 4h)
 */
export function mamlTaskFlops(
  sizes: readonly number[],
  support: number,
  query: number,
  secondOrder: boolean,
): number {
  let f = 0;
  for (let l = 1; l < sizes.length; l++) {
    const h = l > 1 ? 1 : 0;
    const rows = support * (2 + h) + query * (2 + h) + (secondOrder ? support * (2 + 4 * h) : 0);
    f += 2 * sizes[l - 1] * sizes[l] * rows;
  }
  return f;
}

/** One evaluation task: adapt on the support set (forward + backward), forward on the query set. */
export function mamlEvalTaskFlops(
  sizes: readonly number[],
  support: number,
  query: number,
): number {
  let f = 0;
  for (let l = 1; l < sizes.length; l++)
    f += 2 * sizes[l - 1] * sizes[l] * (support * (2 + (l > 1 ? 1 : 0)) + query);
  return f;
}
