/**
 * Summaries of learned per-parameter inner rates (Meta-SGD), per layer, as in Starshak's Table 1
 * (mean ± std per layer; there the convolutional layers' means were negative) plus histograms whose
 * negative and positive parts are counted apart.
 */

export interface LayerRates {
  name: string;
  values: ArrayLike<number>;
}

export interface LayerRateStats {
  name: string;
  count: number;
  mean: number;
  /** Sample standard deviation (ddof = 1). */
  std: number;
  negativeFraction: number;
  /** Bin edges (bins + 1) shared by all layers, and the count of values in each bin. */
  edges: number[];
  counts: number[];
}

export function layerRateStatistics(layers: readonly LayerRates[], bins = 30): LayerRateStats[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of layers)
    for (let i = 0; i < l.values.length; i++) {
      lo = Math.min(lo, l.values[i]);
      hi = Math.max(hi, l.values[i]);
    }
  // Symmetric range around 0 so that one bin edge sits exactly at 0: no bin mixes signs.
  const r = Math.max(Math.abs(lo), Math.abs(hi), 1e-12);
  const half = Math.ceil(bins / 2);
  const edges = Array.from({ length: 2 * half + 1 }, (_, k) => -r + (r * k) / half);
  return layers.map(({ name, values }) => {
    const n = values.length;
    let sum = 0;
    let neg = 0;
    const counts = new Array(2 * half).fill(0);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      sum += v;
      if (v < 0) neg++;
      const k = Math.min(2 * half - 1, Math.max(0, Math.floor(((v + r) / r) * half)));
      counts[v < 0 ? Math.min(k, half - 1) : Math.max(k, half)]++;
    }
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
    return {
      name,
      count: n,
      mean,
      std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
      negativeFraction: neg / n,
      edges,
      counts,
    };
  });
}
