/**
 * Exact MAML (one inner step) for ONE 2-hidden-layer ReLU network p-H-H-1, written out by hand with
 * 2-D matrix products only (the Fig. 5 engine).
 *
 * Why by hand: tfjs-wasm runs a non-transposed 2-D matMul through XNNPACK (~30 GFLOP/s on one core
 * here) but a batched or transposed one through a generic loop (~2.7 GFLOP/s). So each network is
 * its own computation (the runs and αt values are independent; src/compute/fig5/fig5Sweep.ts shards
 * them over workers), its T tasks are stacked as rows of one tall matrix that multiplies the shared
 * weights, and every transpose is explicit.
 *
 * The inner step is low-rank in the support data, so no per-task weight copy is ever formed:
 * θ'_τ = θ − α∇L_s,τ(θ) with ∇_{W2}L_s,τ = A1_τᵀ D2_τ, hence for a query row h of task τ
 *   h·W2'_τ = h·W2 − α (h A1_τᵀ) D2_τ,
 * i.e. the shared GEMM plus an (n_q × n_s) correction; likewise for W1 (with the data X_τ), w3 (with
 * A2_τ) and the biases (the "+1" in K = mask ⊙ (H_q H_sᵀ + 1), mask = same-task blocks).
 * The reverse pass through this whole graph is the exact second-order meta-gradient
 * (I − αH_s)∇L_q(θ'); ReLU's second derivative is zero almost everywhere, so its masks are constant.
 * firstOrder = true drops the terms that flow back through the inner gradient (∂θ'/∂θ ≈ I).
 *
 * Loss conventions as in src/compute/nn/maml.ts: L = ½ mean squared error over a task's points, the
 * meta-loss is the mean over tasks of the query loss after adaptation.
 */
import * as tf from '@tensorflow/tfjs-core';

/** [W1 [p,H], b1 [1,H], W2 [H,H], b2 [1,H], W3 [H,1], b3 [1,1]]. */
export type Mlp2Params = tf.Tensor2D[];

/** T tasks stacked as rows: support x [T·n, p], y [T·n, 1]; query xq [T·q, p], yq [T·q, 1]. */
export interface Mlp2Tasks {
  tasks: number;
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  xq: tf.Tensor2D;
  yq: tf.Tensor2D;
  /** [T·q, T·n]: 1 where the query row and the support row belong to the same task. */
  mask: tf.Tensor2D;
  maskT: tf.Tensor2D;
  /** mask ⊙ (xq xᵀ + 1). */
  k1: tf.Tensor2D;
  /** transpose([xq; x]) [p, T·(q + n)]. */
  xallT: tf.Tensor2D;
  /** xᵀ and xqᵀ are not needed separately. */
  n: number;
  q: number;
}

/** Host arrays → stacked task tensors (call dispose on the result's tensors when done). */
export function mlp2Tasks(
  tasks: number,
  p: number,
  x: Float32Array,
  y: Float32Array,
  xq: Float32Array,
  yq: Float32Array,
): Mlp2Tasks {
  const n = x.length / (tasks * p);
  const q = xq.length / (tasks * p);
  const m = new Float32Array(tasks * q * tasks * n);
  for (let j = 0; j < tasks * q; j++) {
    const t = Math.floor(j / q);
    m.fill(1, j * tasks * n + t * n, j * tasks * n + (t + 1) * n);
  }
  return tf.tidy(() => {
    const xs = tf.tensor2d(x, [tasks * n, p]);
    const xqs = tf.tensor2d(xq, [tasks * q, p]);
    const mask = tf.tensor2d(m, [tasks * q, tasks * n]);
    const k1 = tf.mul(mask, tf.add(tf.matMul(xqs, tf.transpose(xs)), 1)) as tf.Tensor2D;
    return {
      tasks,
      n,
      q,
      x: xs,
      y: tf.tensor2d(y, [tasks * n, 1]),
      xq: xqs,
      yq: tf.tensor2d(yq, [tasks * q, 1]),
      mask,
      maskT: tf.transpose(mask) as tf.Tensor2D,
      k1,
      xallT: tf.transpose(tf.concat([xqs, xs], 0)) as tf.Tensor2D,
    };
  });
}

export function disposeTasks(t: Mlp2Tasks): void {
  tf.dispose([t.x, t.y, t.xq, t.yq, t.mask, t.maskT, t.k1, t.xallT]);
}

const mm = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(a, b) as tf.Tensor2D;
/** aᵀb with an explicit transpose (a transposed matMul takes tfjs-wasm's slow path). */
const tm = (a: tf.Tensor2D, b: tf.Tensor2D) => mm(tf.transpose(a), b);
const relu = (z: tf.Tensor2D) => tf.relu(z) as tf.Tensor2D;
const mask = (z: tf.Tensor2D) => tf.step(z) as tf.Tensor2D;
const rowSum = (z: tf.Tensor2D) => tf.sum(z, 0, true) as tf.Tensor2D;

/** Forward pass of the adapted query loss; keeps what the reverse pass needs. */
function forward(params: Mlp2Params, d: Mlp2Tasks, alpha: number) {
  const [W1, b1, W2, b2, W3, b3] = params;
  // A copy, not tf.reshape: tfjs-wasm caches its XNNPACK matMul operator by the right operand's
  // data id, so a reshaped alias of W3 used as a right operand would reuse W3's [H, 1] operator.
  const w3row = tf.transpose(W3) as tf.Tensor2D;
  // Support forward and the inner gradient's backward pass (as n-row matrices).
  const Z1 = tf.add(mm(d.x, W1), b1) as tf.Tensor2D;
  const M1 = mask(Z1);
  const A1 = relu(Z1);
  const Z2 = tf.add(mm(A1, W2), b2) as tf.Tensor2D;
  const M2 = mask(Z2);
  const A2 = relu(Z2);
  const f = tf.add(mm(A2, W3), b3) as tf.Tensor2D;
  const e = tf.div(tf.sub(f, d.y), d.n) as tf.Tensor2D; // ∂L_s,τ/∂f per support row
  const D2 = tf.mul(mm(e, w3row), M2) as tf.Tensor2D; // outer product as a K = 1 GEMM
  const W2T = tf.transpose(W2) as tf.Tensor2D;
  const D1 = tf.mul(mm(D2, W2T), M1) as tf.Tensor2D;
  // Adapted query forward: shared GEMM − α · (same-task kernel) · (support backward signal).
  const Zq1 = tf.sub(tf.add(mm(d.xq, W1), b1), tf.mul(mm(d.k1, D1), alpha)) as tf.Tensor2D;
  const Mq1 = mask(Zq1);
  const Aq1 = relu(Zq1);
  // Kernels as (support × query) products, so the packed right operand is the small one.
  const K2T = tf.mul(d.maskT, tf.add(mm(A1, tf.transpose(Aq1) as tf.Tensor2D), 1)) as tf.Tensor2D;
  const K2 = tf.transpose(K2T) as tf.Tensor2D;
  const Zq2 = tf.sub(tf.add(mm(Aq1, W2), b2), tf.mul(mm(K2, D2), alpha)) as tf.Tensor2D;
  const Mq2 = mask(Zq2);
  const Aq2 = relu(Zq2);
  const K3T = tf.mul(d.maskT, tf.add(mm(A2, tf.transpose(Aq2) as tf.Tensor2D), 1)) as tf.Tensor2D;
  const K3 = tf.transpose(K3T) as tf.Tensor2D;
  const fq = tf.sub(tf.add(mm(Aq2, W3), b3), tf.mul(mm(K3, e), alpha)) as tf.Tensor2D;
  const r = tf.sub(fq, d.yq) as tf.Tensor2D;
  const loss = tf.div(tf.sum(tf.square(r)), 2 * d.q * d.tasks) as tf.Scalar;
  return {
    W2,
    W2T,
    W3,
    w3row,
    M1,
    A1,
    M2,
    A2,
    e,
    D2,
    D1,
    Mq1,
    Aq1,
    K2,
    K2T,
    Mq2,
    Aq2,
    K3,
    K3T,
    r,
    loss,
  };
}

/** Meta-loss (mean over tasks of the adapted query loss) without gradients. */
export function mlp2MetaLoss(params: Mlp2Params, d: Mlp2Tasks, alpha: number): tf.Scalar {
  return tf.tidy(() => forward(params, d, alpha).loss);
}

/** Per-task adapted query losses [T] (meta-test scoring). */
export function mlp2TaskLosses(params: Mlp2Params, d: Mlp2Tasks, alpha: number): tf.Tensor1D {
  return tf.tidy(() => {
    const { r } = forward(params, d, alpha);
    return tf.div(tf.sum(tf.reshape(tf.square(r), [d.tasks, d.q]), 1), 2 * d.q) as tf.Tensor1D;
  });
}

/** Meta-loss and its gradient with respect to every parameter (exact, or first-order MAML). */
export function mlp2MetaGradients(
  params: Mlp2Params,
  d: Mlp2Tasks,
  alpha: number,
  firstOrder = false,
): { loss: tf.Scalar; grads: Mlp2Params } {
  return tf.tidy(() => {
    const fw = forward(params, d, alpha);
    const { W2, W2T, W3, w3row, M1, A1, M2, A2, e, D2, Mq1, Aq1, K2T, Mq2, Aq2, K3T } = fw;
    const na = -alpha;
    // Query layer 3 (adapted w3'_τ = w3 − α A2_τᵀe_τ, b3' likewise: the K3 term).
    const fqb = tf.div(fw.r, d.q * d.tasks) as tf.Tensor2D;
    const K3b = tf.mul(d.mask, tf.mul(fqb, tf.mul(tf.reshape(e, [1, -1]), na))) as tf.Tensor2D;
    const Aq2b = tf.add(mm(fqb, w3row), mm(K3b, A2)) as tf.Tensor2D;
    const Zq2b = tf.mul(Aq2b, Mq2) as tf.Tensor2D;
    // Query layer 2.
    const K2bT = tf.mul(
      d.maskT,
      tf.mul(mm(D2, tf.transpose(Zq2b) as tf.Tensor2D), na),
    ) as tf.Tensor2D;
    const K2b = tf.transpose(K2bT) as tf.Tensor2D;
    const Aq1b = tf.add(mm(Zq2b, W2T), mm(K2b, A1)) as tf.Tensor2D;
    const Zq1b = tf.mul(Aq1b, Mq1) as tf.Tensor2D;
    if (firstOrder) {
      // Gradient at θ' summed over tasks: only the query rows reach the weights.
      const W1g = mm(tf.transpose(d.xq) as tf.Tensor2D, Zq1b);
      return {
        loss: fw.loss,
        grads: [W1g, rowSum(Zq1b), tm(Aq1, Zq2b), rowSum(Zq2b), tm(Aq2, fqb), rowSum(fqb)],
      };
    }
    // Back through the inner gradient (the second-order terms).
    const D1b = tf.mul(tm(d.k1, Zq1b), na) as tf.Tensor2D;
    const Pb = tf.mul(D1b, M1) as tf.Tensor2D;
    const D2b = tf.add(mm(Pb, W2), tf.mul(mm(K2T, Zq2b), na)) as tf.Tensor2D;
    const D2bm = tf.mul(D2b, M2) as tf.Tensor2D;
    const eb = tf.add(tf.mul(mm(K3T, fqb), na), mm(D2bm, W3)) as tf.Tensor2D;
    const fb = tf.div(eb, d.n) as tf.Tensor2D;
    const A2b = tf.add(tm(K3b, Aq2), mm(fb, w3row)) as tf.Tensor2D;
    const Z2b = tf.mul(A2b, M2) as tf.Tensor2D;
    const A1b = tf.add(mm(Z2b, W2T), mm(K2bT, Aq1)) as tf.Tensor2D;
    const Z1b = tf.mul(A1b, M1) as tf.Tensor2D;
    // Weight gradients, each as ONE product of stacked rows.
    const W1g = mm(d.xallT, tf.concat([Zq1b, Z1b], 0) as tf.Tensor2D);
    const b1g = tf.add(rowSum(Zq1b), rowSum(Z1b)) as tf.Tensor2D;
    const W2g = tm(
      tf.concat([Aq1, Pb, A1], 0) as tf.Tensor2D,
      tf.concat([Zq2b, D2, Z2b], 0) as tf.Tensor2D,
    );
    const b2g = tf.add(rowSum(Zq2b), rowSum(Z2b)) as tf.Tensor2D;
    const W3g = tm(
      tf.concat([Aq2, D2bm, A2], 0) as tf.Tensor2D,
      tf.concat([fqb, e, fb], 0) as tf.Tensor2D,
    );
    const b3g = tf.add(rowSum(fqb), rowSum(fb)) as tf.Tensor2D;
    return { loss: fw.loss, grads: [W1g, b1g, W2g, b2g, W3g, b3g] };
  });
}

/**
 * FLOPs of one exact meta-gradient (multiply-add = 2), counting the matrix products only (the
 * elementwise work is O(rows · H)): the bench's GFLOP/s are against this count.
 */
export function mlp2GradientFlops(p: number, h: number, tasks: number, n: number, q: number) {
  const S = tasks * n;
  const Q = tasks * q;
  const g = (a: number, b: number, c: number) => 2 * a * b * c;
  return (
    // forward: support, inner backward, adapted query, kernels
    g(S, p, h) +
    g(S, h, h) +
    g(S, h, 1) +
    g(S, h, h) +
    g(Q, p, h) +
    g(Q, S, h) +
    g(Q, h, S) +
    g(Q, h, h) +
    g(Q, S, h) +
    g(Q, h, S) +
    g(Q, h, 1) +
    g(Q, S, 1) +
    // reverse
    g(Q, S, h) +
    g(Q, h, S) +
    g(Q, h, h) +
    g(Q, S, h) +
    g(S, Q, h) +
    g(S, h, h) +
    g(S, Q, h) +
    g(S, Q, 1) +
    g(S, h, 1) +
    g(S, Q, h) +
    g(S, h, h) +
    g(S, Q, h) +
    g(p, Q + S, h) +
    g(h, Q + 2 * S, h) +
    g(h, Q + 2 * S, 1)
  );
}
