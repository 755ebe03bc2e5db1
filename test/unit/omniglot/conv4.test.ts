/**
 * Conv4 + MAML gradients (src/compute/omniglot/conv4.ts) on tfjs's CPU backend.
 *
 * tfjs computes in float32, so the finite-difference references are float32 too. Tolerances: a
 * central difference with step h has truncation error O(h²·f''') and round-off ≈ ε·|L|/h with
 * ε ≈ 6e-8 and |L| ≈ 1 (cross-entropy of 3 ways), i.e. ≈ 1e-4 at h = 1e-3 — summed losses over
 * a few hundred float32 terms raise that to a few 1e-4. Directional derivatives along unit
 * directions here are O(0.1–1), so a bound of 2e-3 absolute + 1 % relative is ≥ 5× the expected
 * error yet far below any real mistake (a missing term, a wrong sign, a transposed filter all give
 * O(1) relative errors). Second derivatives (the meta-gradient through the inner step, the Hessian
 * term) are checked with softplus in place of ReLU: with ReLU the inner gradient is discontinuous
 * wherever a pre-activation crosses 0, so its difference quotients are meaningless (the ReLU runs
 * measured 0.04 vs 0.007 allowed), while the exact derivative uses ReLU'' = 0 a.e. The first-order
 * checks keep ReLU: the loss itself is continuous.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../src/compute/nn/gradientsBrowser';
import { createRng } from '../../../src/core/rng';
import {
  adaptConv4,
  BN_EPS,
  conv4FromArrays,
  conv4Logits,
  conv4MetaGradients,
  convBlock,
  crossEntropy,
  headIndices,
  initConv4Arrays,
  perTask,
  type EpisodeTensors,
  withActivation,
} from '../../../src/compute/omniglot/conv4';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPE = { filters: 3, way: 3, imageSize: 16 };
const ALPHA = 0.4;

function episode(tasks: number, seed: number, support = 6, query = 9): EpisodeTensors {
  const rng = createRng(seed, 1);
  const img = (n: number) =>
    tf.tensor(
      Float32Array.from({ length: tasks * n * 256 }, () => rng.uniform()),
      [tasks, n, 16, 16, 1],
    );
  const lab = (n: number) => {
    const a = new Float32Array(tasks * n * 3);
    for (let i = 0; i < tasks * n; i++) a[i * 3 + (i % 3)] = 1;
    return tf.tensor3d(a, [tasks, n, 3]);
  };
  return { xs: img(support), ys: lab(support), xq: img(query), yq: lab(query) };
}

const params = (seed = 3) => conv4FromArrays(initConv4Arrays(SHAPE, createRng(seed)), SHAPE);

function direction(ps: tf.Tensor[], seed: number): tf.Tensor[] {
  const rng = createRng(seed, 9);
  const raw = ps.map((p) => Float32Array.from({ length: p.size }, () => rng.normal()));
  const norm = Math.sqrt(raw.reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0));
  return raw.map((a, i) =>
    tf.tensor(
      a.map((v) => v / norm),
      ps[i].shape,
    ),
  );
}

const axpy = (ps: tf.Tensor[], v: tf.Tensor[], h: number) =>
  ps.map((p, i) => tf.add(p, tf.mul(v[i], h)));

const dot = (a: tf.Tensor[], b: tf.Tensor[]) =>
  a.reduce((s, x, i) => s + (tf.sum(tf.mul(x, b[i])).dataSync()[0] ?? 0), 0);

/** Central difference of f along v. */
function fd(f: (ps: tf.Tensor[]) => number, ps: tf.Tensor[], v: tf.Tensor[], h = 1e-3) {
  return tf.tidy(() => (f(axpy(ps, v, h)) - f(axpy(ps, v, -h))) / (2 * h));
}

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThan(2e-3 + 0.01 * Math.abs(b));

describe('Conv4 building blocks', () => {
  test('a block = tf.conv2d with padding 1 on every side, stride 2, then batch norm and ReLU', () => {
    for (const s of [7, 8, 28]) {
      const rng = createRng(s, 2);
      const [tasks, m, c, o] = [2, 3, 2, 4];
      const x = tf.tensor4d(
        Float32Array.from({ length: tasks * m * s * s * c }, () => rng.normal()),
        [tasks * m, s, s, c],
      );
      const hwio = tf.tensor3d(
        Float32Array.from({ length: tasks * 9 * c * o }, () => rng.normal()),
        [tasks, 9 * c, o],
      );
      const gamma = tf.tensor3d(
        Float32Array.from({ length: tasks * o }, () => rng.normal()),
        [tasks, 1, o],
      );
      const beta = tf.tensor3d(
        Float32Array.from({ length: tasks * o }, () => rng.normal()),
        [tasks, 1, o],
      );
      const ours = convBlock(x, hwio, gamma, beta, tasks);
      for (let t = 0; t < tasks; t++) {
        const xt = tf.slice(x, [t * m, 0, 0, 0], [m, s, s, c]);
        const wt = tf.reshape(tf.slice(hwio, [t, 0, 0], [1, 9 * c, o]), [
          3,
          3,
          c,
          o,
        ]) as tf.Tensor4D;
        const z = tf.conv2d(xt, wt, 2, [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ]);
        const { mean, variance } = tf.moments(z, [0, 1, 2], true);
        const ref = tf.relu(
          tf.add(
            tf.mul(
              tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, BN_EPS))),
              tf.reshape(tf.slice(gamma, [t, 0, 0], [1, 1, o]), [o]),
            ),
            tf.reshape(tf.slice(beta, [t, 0, 0], [1, 1, o]), [o]),
          ),
        );
        const got = tf.slice(ours, [t * m, 0, 0, 0], [m, ...ref.shape.slice(1)] as number[]);
        expect(got.shape).toEqual(ref.shape);
        const err = tf.max(tf.abs(tf.sub(got, ref))).dataSync()[0];
        expect(err).toBeLessThan(1e-4);
      }
    }
  });

  test('Conv4 output: 28 → 14 → 7 → 4 → 2, head on 2·2·filters features', () => {
    const shape = { filters: 4, way: 5, imageSize: 28 };
    const ps = conv4FromArrays(initConv4Arrays(shape, createRng(1)), shape);
    expect(ps[12].shape).toEqual([16, 5]);
    const logits = conv4Logits(perTask(ps, 2), tf.zeros([2, 3, 28, 28, 1]));
    expect(logits.shape).toEqual([2, 3, 5]);
  });
});

describe('gradients vs float32 finite differences (tiny Conv4: 3 filters, 16 × 16 inputs, 3 ways, 6 support and 9 query images)', () => {
  test('loss gradient with respect to every parameter (conv, γ, β, head)', () => {
    const ps = params();
    const d = episode(1, 5);
    const loss = (q: tf.Tensor[]) =>
      tf.sum(crossEntropy(conv4Logits(perTask(q, 1), d.xq), d.yq)).dataSync()[0]!;
    const g = tf.grads((...q: tf.Tensor[]) =>
      tf.sum(crossEntropy(conv4Logits(perTask(q, 1), d.xq), d.yq)),
    )(ps);
    for (let k = 0; k < 3; k++) {
      const v = direction(ps, 10 + k);
      close(dot(g, v), fd(loss, ps, v));
    }
  });

  const metaLoss = (d: EpisodeTensors, steps: number, adapt?: number[]) => (q: tf.Tensor[]) =>
    tf.tidy(() => {
      const tasks = d.xs.shape[0];
      const a = adaptConv4(perTask(q, tasks), d.xs, d.ys, ALPHA, {
        steps,
        firstOrder: false,
        adapt,
      });
      return tf.mean(crossEntropy(conv4Logits(a, d.xq), d.yq)).dataSync()[0]!;
    });

  test('exact second-order MAML meta-gradient, 1 and 2 inner steps (softplus: see header)', () => {
    withActivation(tf.softplus, () => {
      const ps = params();
      const d = episode(2, 6);
      for (const steps of [1, 2]) {
        const { grads } = conv4MetaGradients(ps, d, ALPHA, { steps, firstOrder: false });
        for (let k = 0; k < 2; k++) {
          const v = direction(ps, 20 + k + 5 * steps);
          close(dot(grads, v), fd(metaLoss(d, steps), ps, v));
        }
      }
    });
  });

  test('ANIL (head-only inner loop) meta-gradient, body included', () => {
    const ps = params();
    const d = episode(2, 7);
    const { grads } = conv4MetaGradients(ps, d, ALPHA, {
      steps: 1,
      firstOrder: false,
      adapt: headIndices(),
    });
    const v = direction(ps, 31);
    close(dot(grads, v), fd(metaLoss(d, 1, headIndices()), ps, v));
  });

  test('first order differs from second order by exactly the Hessian term −α H_s ∇L_q(θ′) (softplus)', () => {
    withActivation(tf.softplus, () => {
      const ps = params();
      const d = episode(1, 8);
      const so = conv4MetaGradients(ps, d, ALPHA, { steps: 1, firstOrder: false }).grads;
      const fo = conv4MetaGradients(ps, d, ALPHA, { steps: 1, firstOrder: true }).grads;
      // FO gradient = ∇L_q(θ'); Hessian-vector product H_s(θ)·u by a central difference of ∇L_s
      const supportGrad = (q: tf.Tensor[]) =>
        tf.grads((...r: tf.Tensor[]) =>
          tf.sum(crossEntropy(conv4Logits(perTask(r, 1), d.xs), d.ys)),
        )(q);
      const h = 1e-3;
      const gp = supportGrad(axpy(ps, fo, h));
      const gm = supportGrad(axpy(ps, fo, -h));
      const hvp = gp.map((g, i) => tf.div(tf.sub(g, gm[i]), 2 * h));
      const diff = so.map((g, i) => tf.sub(g, fo[i]));
      const predicted = hvp.map((t) => tf.mul(t, -ALPHA));
      const norm = Math.sqrt(dot(predicted, predicted));
      expect(norm).toBeGreaterThan(1e-3); // the term is not negligible here
      const err = Math.sqrt(
        dot(
          diff.map((t, i) => tf.sub(t, predicted[i])),
          diff.map((t, i) => tf.sub(t, predicted[i])),
        ),
      );
      expect(err / norm).toBeLessThan(0.02);
    });
  });

  test('Meta-SGD: gradient with respect to the per-parameter rates (softplus)', () => {
    withActivation(tf.softplus, () => {
      const ps = params();
      const d = episode(2, 12);
      const rates = ps.map((p) => tf.fill(p.shape, ALPHA));
      const { rateGrads } = conv4MetaGradients(ps, d, rates, {
        steps: 1,
        firstOrder: false,
        rateGrads: true,
      });
      const loss = (r: tf.Tensor[]) =>
        tf.tidy(() => {
          const a = adaptConv4(perTask(ps, 2), d.xs, d.ys, r, { steps: 1, firstOrder: false });
          return tf.mean(crossEntropy(conv4Logits(a, d.xq), d.yq)).dataSync()[0]!;
        });
      const v = direction(rates, 41);
      close(dot(rateGrads!, v), fd(loss, rates, v));
    });
  });

  test('batched over tasks = each task alone (mean of per-task meta-gradients)', () => {
    const ps = params();
    const d = episode(3, 9);
    const all = conv4MetaGradients(ps, d, ALPHA, { steps: 1, firstOrder: false });
    const single = [0, 1, 2].map((t) => {
      const pick = (x: tf.Tensor) => tf.slice(x, t, 1);
      const dt = {
        xs: pick(d.xs),
        ys: pick(d.ys) as tf.Tensor3D,
        xq: pick(d.xq),
        yq: pick(d.yq) as tf.Tensor3D,
      };
      return conv4MetaGradients(ps, dt, ALPHA, { steps: 1, firstOrder: false });
    });
    const meanLoss = single.reduce((s, r) => s + r.loss.dataSync()[0]!, 0) / 3;
    expect(all.loss.dataSync()[0]).toBeCloseTo(meanLoss, 5);
    all.grads.forEach((g, i) => {
      const ref = tf.div(tf.addN(single.map((r) => r.grads[i])), 3);
      expect(tf.max(tf.abs(tf.sub(g, ref))).dataSync()[0]).toBeLessThan(1e-5);
    });
  });
});
