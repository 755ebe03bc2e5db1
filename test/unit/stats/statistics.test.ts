import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { incompleteBeta, oneSampleT, twoSidedP, welchT } from '../../../src/core/stats/studentT';
import { layerRateStatistics } from '../../../src/core/metaSgd/rateStatistics';
import { prototypeAccuracy } from '../../../src/core/probe/prototypeClassifier';
import {
  createClassBank,
  DEFAULT_CLUSTERS,
  fewShotBatch,
  pickClasses,
} from '../../../src/core/probe/gaussianClusterTasks';

describe('Student t p-values', () => {
  test('textbook critical values (two-sided 5 % and 1 %)', () => {
    expect(twoSidedP(2.228138851986, 10)).toBeCloseTo(0.05, 9);
    expect(twoSidedP(12.706204736, 1)).toBeCloseTo(0.05, 8);
    expect(twoSidedP(2.576, 1e7)).toBeCloseTo(0.01, 4); // normal limit
    expect(twoSidedP(0, 5)).toBeCloseTo(1, 12);
  });

  test('incomplete beta: I_x(1, 1) = x and I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.2, 2.5, 0.5) + incompleteBeta(0.8, 0.5, 2.5)).toBeCloseTo(1, 12);
  });

  test('one-sample and Welch statistics match their definitions', () => {
    const a = [1, 2, 3, 4, 6];
    const t = oneSampleT(a);
    expect(t.mean).toBe(3.2);
    expect(t.stderr).toBeCloseTo(Math.sqrt(3.7 / 5), 12);
    expect(t.dof).toBe(4);
    const w = welchT(a, [0, 1, 1, 2]);
    expect(w.mean).toBeCloseTo(2.2, 12);
    expect(w.stderr).toBeCloseTo(Math.sqrt(3.7 / 5 + 2 / 3 / 4), 12);
  });

  test('p-values are uniform under the null (calibration over 400 simulated tests)', () => {
    const rng = createRng(9, 0);
    let below = 0;
    for (let i = 0; i < 400; i++) {
      const x = Array.from({ length: 8 }, () => rng.normal());
      if (oneSampleT(x).p < 0.1) below++;
    }
    // Binomial(400, 0.1): mean 40, sd 6.
    expect(below).toBeGreaterThan(16);
    expect(below).toBeLessThan(64);
  });
});

describe('learned-rate statistics per layer', () => {
  test('mean, std, negative fraction, and histograms that never mix signs', () => {
    const a = Float64Array.from([-0.3, -0.01, 0.02, 0.5, 0.5]);
    const b = Float64Array.from([0.1, -0.2]);
    const [sa, sb] = layerRateStatistics(
      [
        { name: 'a', values: a },
        { name: 'b', values: b },
      ],
      10,
    );
    expect(sa.mean).toBeCloseTo(0.142, 12);
    expect(sa.negativeFraction).toBe(0.4);
    expect(sb.std).toBeCloseTo(Math.sqrt(0.045), 12);
    expect(sa.edges).toEqual(sb.edges);
    const zeroEdge = sa.edges.indexOf(0);
    expect(zeroEdge).toBeGreaterThan(0);
    const negCount = sa.counts.slice(0, zeroEdge).reduce((x, y) => x + y, 0);
    expect(negCount).toBe(2);
    expect(sa.counts.reduce((x, y) => x + y, 0)).toBe(5);
  });
});

describe('few-shot Gaussian-cluster tasks and the prototype classifier', () => {
  test('perfectly separated embeddings are classified perfectly; permuted prototypes fail', () => {
    // 3 ways, 1 shot, 2 queries, 3-dimensional one-hot-like embeddings.
    const support = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const query = [0.9, 0.1, 0, 1, 0.2, 0, 0, 2, 0, 0.1, 1, 0, 0, 0, 3, 0.2, 0, 1];
    expect(prototypeAccuracy(support, query, 3, 3, 1, 2)).toBe(1);
    const swapped = [0, 1, 0, 1, 0, 0, 0, 0, 1];
    expect(prototypeAccuracy(swapped, query, 3, 3, 1, 2)).toBeCloseTo(1 / 3, 12);
  });

  test('tasks: class-major one-hot labels, off-task classes disjoint, train/test pools apart', () => {
    const rng = createRng(2, 0);
    const bank = createClassBank(rng, DEFAULT_CLUSTERS);
    const f = DEFAULT_CLUSTERS;
    const a = pickClasses(rng, bank, 'test');
    const b = pickClasses(rng, bank, 'test', a);
    expect(new Set([...a, ...b]).size).toBe(2 * f.ways);
    for (const c of [...a, ...b]) expect(c).toBeGreaterThanOrEqual(f.trainClasses);
    const batch = fewShotBatch(rng, bank, [a]);
    for (let i = 0; i < batch.query; i++) {
      const k = Math.floor(i / f.queries);
      expect(Array.from(batch.yq.subarray(i * f.ways, (i + 1) * f.ways))).toEqual(
        Array.from({ length: f.ways }, (_, j) => (j === k ? 1 : 0)),
      );
    }
    // Raw inputs restricted to the signal coordinates classify well above chance (sanity of the
    // family: the class signal is there to be found).
    const d = f.signalDim + f.nuisanceDim;
    const strip = (x: Float32Array, n: number) =>
      Array.from(
        { length: n * f.signalDim },
        (_, k) => x[Math.floor(k / f.signalDim) * d + (k % f.signalDim)],
      );
    const acc = prototypeAccuracy(
      strip(batch.xs, batch.support),
      strip(batch.xq, batch.query),
      f.signalDim,
      f.ways,
      f.shots,
      f.queries,
    );
    expect(acc).toBeGreaterThan(0.5);
  });
});
