/**
 * Nearest-prototype classification on embeddings (Snell et al. 2017, Eq. 5: prototype = mean
 * embedding of a class's support points), by cosine similarity as in Starshak §4.
 */

/**
 * Accuracy on the query embeddings of one task. Embeddings are row-major [n × dim]; support is
 * class-major (shots consecutive points per class, classes 0..ways−1), and so is the query
 * (`queries` per class) unless `labels` gives each query point's class (the official Omniglot
 * runs' test items are in no class order).
 */
export function prototypeAccuracy(
  support: ArrayLike<number>,
  query: ArrayLike<number>,
  dim: number,
  ways: number,
  shots: number,
  queries: number,
  labels?: ArrayLike<number>,
): number {
  const protos = new Float64Array(ways * dim);
  for (let k = 0; k < ways; k++)
    for (let s = 0; s < shots; s++)
      for (let j = 0; j < dim; j++)
        protos[k * dim + j] += support[(k * shots + s) * dim + j] / shots;
  const norms = Array.from({ length: ways }, (_, k) => {
    let n = 0;
    for (let j = 0; j < dim; j++) n += protos[k * dim + j] ** 2;
    return Math.sqrt(n) || 1;
  });
  let correct = 0;
  const n = ways * queries;
  for (let i = 0; i < n; i++) {
    const row = i * dim;
    let best = -1;
    let bestSim = -Infinity;
    for (let c = 0; c < ways; c++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += query[row + j] * protos[c * dim + j];
      const sim = dot / norms[c];
      if (sim > bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    if (best === (labels ? labels[i] : Math.floor(i / queries))) correct++;
  }
  return correct / n;
}
