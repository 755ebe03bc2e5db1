/**
 * The log10 colour range of a loss heatmap: from the smallest to the largest loss of the cells that
 * did not diverge, but at most 16 decades deep — converged quadratic runs reach 1e−300 and below,
 * while a trained network's losses may span a fraction of a decade and still need the whole scale.
 */
export function logColourRange(logs: readonly number[]): [number, number] {
  if (!logs.length) return [-16, 0];
  const hi = Math.max(...logs);
  const lo = Math.max(Math.min(...logs), hi - 16);
  return lo < hi ? [lo, hi] : [hi - 1, hi];
}
