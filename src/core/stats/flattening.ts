/**
 * When has a training curve flattened? A loss that goes to zero (the Fig. 5 network interpolates
 * its meta-training tasks) never stops falling in relative terms, so flatness is measured against
 * the total fall: at epoch N the curve is flat when, over the window [N − w, N] (w = `window` × the
 * run's epochs), the loss changed by less than `tol` × (L(0) − L(N)). The curve has flattened at
 * the first recorded epoch from which it stays flat to the end; null when it is not flat at the end
 * (not converged) or never fell.
 */
export const FLATTENING = { window: 0.1, tol: 0.01 } as const;

export function flattenedAt(
  epochs: readonly number[],
  loss: readonly number[],
  opts: { window?: number; tol?: number } = {},
): number | null {
  const window = opts.window ?? FLATTENING.window;
  const tol = opts.tol ?? FLATTENING.tol;
  const n = epochs.length;
  if (n < 2 || !loss.every(Number.isFinite)) return null;
  const w = window * (epochs[n - 1] - epochs[0]);
  const l0 = loss[0];
  const flatAt = (i: number): boolean => {
    if (epochs[i] - epochs[0] < w) return false;
    // The recorded point at or just before N − w.
    let j = i;
    while (j > 0 && epochs[i] - epochs[j] < w) j--;
    const fall = l0 - loss[i];
    return fall > 0 && Math.abs(loss[j] - loss[i]) <= tol * fall;
  };
  if (!flatAt(n - 1)) return null;
  let first = n - 1;
  while (first > 0 && flatAt(first - 1)) first--;
  return epochs[first];
}

/** The statement the page and the CLI print about a curve. */
export function flatteningStatement(at: number | null, epochs: number): string {
  const rule =
    `flat = over the last ${FLATTENING.window * 100} % of epochs the loss changed by less than ` +
    `${FLATTENING.tol * 100} % of its total fall`;
  return at === null
    ? `Meta-training loss NOT flattened by epoch ${epochs}: not converged (${rule}).`
    : `Meta-training loss flattened at epoch ${at} of ${epochs} (${rule}).`;
}
