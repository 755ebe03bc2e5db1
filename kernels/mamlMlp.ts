/**
 * MAML on small ReLU MLPs, one model ("cell") at a time, in WebAssembly SIMD (AssemblyScript).
 * Built by `npm run build:kernels` into src/compute/kernels/mamlMlpWasm.ts; the host side is
 * src/compute/kernels/mamlMlpKernel.ts.
 *
 * Why a kernel of its own: a 1-40-40-1 MAML step is thousands of 10 × 40 × 40 products and
 * elementwise masks. tfjs pays per op (batched matMul 2.4 GFLOP/s, elementwise ~0.2 G/s on wasm);
 * here every product of a task runs from cache in one call with no dispatch at all.
 *
 * Network (row-major, points as rows): A_0 = X [n × d_0]; Z_l = A_{l-1} W_l + b_l;
 * A_l = relu(Z_l) for l < L, output Z_L. Loss L = c · mean (Z_L − Y)², c = 1 or ½.
 * One inner step per task (Finn et al. 2017, Eq. 1): θ′ = θ − α ∇L_s(θ). Meta-gradient of the
 * query loss L_q(θ′) (exact, second order): (I − α H_s(θ)) ∇L_q(θ′) (theory.md §1, the MAML
 * gradient), with the Hessian-vector product H_s v by Pearlmutter's R-operator (one forward and one
 * backward R pass; ReLU″ = 0 a.e., so masks carry no R term). First order drops the H_s term.
 *
 * Layout: the host calls configure(tab, scratch) with tab = [L, d_0 … d_L] (i32) and gets back the
 * end of this kernel's scratch; parameters are one f32 vector [W_1, b_1, …, W_L, b_L] per model.
 */

import {
  align16,
  columnSums,
  columnSumsAdd,
  gemm,
  gemmB,
  mulW,
  packMatrix,
  setNarrowScratch,
  transpose,
} from './linalg';
export { heapBase } from './linalg';

const MAX_LAYERS: i32 = 8;
let nL: i32 = 0;
let nP: i32 = 0;
let maxRows: i32 = 0;
/** i32 words: sizes[0..L] at tab, then weight and bias offsets (floats) of layer l at wo/bo. */
let tab: usize = 0;
/** usize words: buffer pointers per (set, layer); sets below. */
let ptab: usize = 0;
// Per-parameter-size vectors.
let dTheta: usize = 0;
let thetaP: usize = 0;
let gq: usize = 0;
let gacc: usize = 0;
// Weight sets (packWeights) of θ and θᵀ (shared by all tasks), of θ′ᵀ (per task); the direction
// v transposed.
let wp: usize = 0;
let wt: usize = 0;
let wtq: usize = 0;
let vt: usize = 0;
// Thin products with the query gradient: a (rows × rows) kernel matrix and one transposed row block.
let kq: usize = 0;
let tq: usize = 0;
/**
 * The meta-gradient of a weight W_l is a sum of outer products Σ Pᵀ Q over row blocks (P, Q) =
 * (A′_{l-1}, G′_l) of the query gradient and (A_{l-1}, R{G_l}), (R{A_{l-1}}, G_l) of the
 * Hessian-vector product, over all tasks. The blocks are stacked per layer (ptab words of set
 * STACK_P and STACK_Q; rows held in stackRows) and multiplied once — one pass over W_l's gradient
 * per step, not one per block and task.
 */
let stackRows: usize = 0;
let stackCap: i32 = 0;

const A_SUP: i32 = 0;
const A_QRY: i32 = 1;
const G_SUP: i32 = 2;
const G_QRY: i32 = 3;
const R_A: i32 = 4;
const R_G: i32 = 5;
const SETS: i32 = 6;
const STACK_P: i32 = 6;
const STACK_Q: i32 = 7;

@inline function dim(l: i32): i32 {
  return load<i32>(tab + (<usize>(1 + l) << 2));
}
@inline function wOff(l: i32): usize {
  return <usize>load<i32>(tab + (<usize>(2 + nL + l) << 2)) << 2;
}
@inline function bOff(l: i32): usize {
  return <usize>load<i32>(tab + (<usize>(2 + 2 * nL + l) << 2)) << 2;
}
@inline function buf(set: i32, l: i32): usize {
  return load<usize>(ptab + (<usize>(set * (MAX_LAYERS + 1) + l) << 2));
}
@inline function setBuf(set: i32, l: i32, p: usize): void {
  store<usize>(ptab + (<usize>(set * (MAX_LAYERS + 1) + l) << 2), p);
}
/** Row block of task t in a batch of consecutive tasks with n rows of width d each. */
@inline function taskRows(base: usize, t: i32, n: i32, d: i32): usize {
  return base + (<usize>(t * n * d) << 2);
}

/** Lays out the scratch for a network tab = [L, d_0 … d_L] and rows ≤ rows; returns its end. */
export function configure(table: usize, scratch: usize, rows: i32): usize {
  tab = table;
  nL = load<i32>(table);
  maxRows = rows;
  // weight/bias offsets follow the sizes in the table
  let off: i32 = 0;
  let maxW: i32 = 0;
  let maxD: i32 = dim(0);
  for (let l = 1; l <= nL; l++) {
    if (dim(l) > maxD) maxD = dim(l);
    const w = dim(l - 1) * dim(l);
    store<i32>(tab + (<usize>(2 + nL + l) << 2), off);
    off += w;
    store<i32>(tab + (<usize>(2 + 2 * nL + l) << 2), off);
    off += dim(l);
    if (w > maxW) maxW = w;
  }
  nP = off;
  let p = align16(scratch);
  ptab = p;
  p = align16(p + (<usize>((SETS + 2) * (MAX_LAYERS + 1)) << 2));
  for (let s = 0; s < SETS; s++) {
    for (let l = 0; l <= nL; l++) {
      setBuf(s, l, p);
      p = align16(p + (<usize>(rows * dim(l)) << 2));
    }
  }
  const pv = align16(<usize>nP << 2);
  dTheta = p;
  thetaP = p + pv;
  gq = p + 2 * pv;
  gacc = p + 3 * pv;
  wt = p + 4 * pv;
  wtq = p + 5 * pv;
  vt = p + 6 * pv;
  wp = p + 7 * pv;
  kq = p + 8 * pv;
  tq = align16(kq + (<usize>(rows * rows) << 2));
  p = align16(tq + (<usize>(rows * maxD) << 2));
  stackRows = p;
  p = align16(p + (<usize>(MAX_LAYERS + 1) << 2));
  stackCap = stackCapacity(rows);
  setNarrowScratch(p);
  p = align16(p + (<usize>(3 * max(maxD, stackCap)) << 2));
  for (let l = 1; l <= nL; l++) {
    setBuf(STACK_P, l, p);
    p = align16(p + (<usize>(stackCap * dim(l - 1)) << 2));
    setBuf(STACK_Q, l, p);
    p = align16(p + (<usize>(stackCap * dim(l)) << 2));
  }
  return p;
}

/** Rows of each layer's outer-product stack (≥ any one block; the host sizes memory by it). */
export function stackCapacity(rows: i32): i32 {
  return max(256, rows);
}

export function paramCount(): i32 {
  return nP;
}
/** Where metaGradient leaves the mean meta-gradient (nP floats). */
export function gradientPtr(): usize {
  return gacc;
}

/**
 * A weight set: each weight matrix of the parameter vector p (at the same offsets in out), as W_l
 * [d_{l-1} × d_l] or, with `transposed`, W_lᵀ — in panels of 8 columns where the column count is a
 * multiple of 8 (the form mulW multiplies by), else row-major.
 */
function packWeights(out: usize, p: usize, transposed: bool): void {
  for (let l = 1; l <= nL; l++) {
    const K = transposed ? dim(l) : dim(l - 1);
    const N = transposed ? dim(l - 1) : dim(l);
    packMatrix(out + wOff(l), p + wOff(l), K, N, transposed);
  }
}

/** Rows of out [n × d] set to the bias b [d]. */
function fillRows(out: usize, b: usize, n: i32, d: i32): void {
  const bytes = <usize>d << 2;
  for (let r = 0; r < n; r++) memory.copy(out + <usize>r * bytes, b, bytes);
}

/** x ← max(x, 0). */
function reluInPlace(x: usize, count: i32): void {
  const z = f32x4.splat(0);
  const c4 = count & ~3;
  for (let i = 0; i < c4; i += 4) {
    const p = x + (<usize>i << 2);
    v128.store(p, f32x4.max(v128.load(p), z));
  }
  for (let i = c4; i < count; i++) {
    const p = x + (<usize>i << 2);
    const v = load<f32>(p);
    store<f32>(p, v > 0 ? v : 0);
  }
}

/** g ← g ⊙ step(a): ReLU′ at the activations a = relu(z) (a > 0 ⇔ z > 0). */
function maskInPlace(g: usize, a: usize, count: i32): void {
  const z = f32x4.splat(0);
  const c4 = count & ~3;
  for (let i = 0; i < c4; i += 4) {
    const p = g + (<usize>i << 2);
    v128.store(p, v128.and(v128.load(p), f32x4.gt(v128.load(a + (<usize>i << 2)), z)));
  }
  for (let i = c4; i < count; i++) {
    const p = g + (<usize>i << 2);
    if (!(load<f32>(a + (<usize>i << 2)) > 0)) store<f32>(p, 0);
  }
}

/** Adds the stacked blocks of layer l to its weight gradient in gacc: W_l += Σ Pᵀ Q; empties it. */
function flushStack(l: i32): void {
  const n = load<i32>(stackRows + (<usize>l << 2));
  if (n == 0) return;
  const din = dim(l - 1);
  const dout = dim(l);
  const panels = (dout & 7) == 0 ? stackCap : 0;
  gemmB(gacc + wOff(l), buf(STACK_P, l), 1, din, buf(STACK_Q, l), din, n, dout, true, panels);
  store<i32>(stackRows + (<usize>l << 2), 0);
}

/**
 * Stacks the block pair (P [n × d_{l-1}], s·Q [n × d_l]) for layer l's weight gradient; with
 * `bias`, also adds s · 1ᵀQ to the bias gradient (the R{A}ᵀ G term of an HVP has none).
 */
function pushBlocks(l: i32, P: usize, Q: usize, n: i32, s: f32, bias: bool): void {
  const din = dim(l - 1);
  const dout = dim(l);
  let k = load<i32>(stackRows + (<usize>l << 2));
  if (k + n > stackCap) {
    flushStack(l);
    k = 0;
  }
  memory.copy(buf(STACK_P, l) + (<usize>(k * din) << 2), P, <usize>(n * din) << 2);
  const vs = f32x4.splat(s);
  if ((dout & 7) == 0) {
    // s·Q into 8-column panels of stackCap rows (gemmB's packed B)
    const panel = <usize>stackCap << 5;
    for (let r = 0; r < n; r++) {
      const src = Q + (<usize>(r * dout) << 2);
      let dst = buf(STACK_Q, l) + (<usize>(k + r) << 5);
      for (let c = 0; c < dout; c += 8) {
        v128.store(dst, f32x4.mul(vs, v128.load(src + (<usize>c << 2))));
        v128.store(dst, f32x4.mul(vs, v128.load(src + (<usize>c << 2), 16)), 16);
        dst += panel;
      }
    }
  } else {
    const q = buf(STACK_Q, l) + (<usize>(k * dout) << 2);
    const count = n * dout;
    const c4 = count & ~3;
    for (let i = 0; i < c4; i += 4) {
      const o = <usize>i << 2;
      v128.store(q + o, f32x4.mul(vs, v128.load(Q + o)));
    }
    for (let i = c4; i < count; i++) {
      const o = <usize>i << 2;
      store<f32>(q + o, s * load<f32>(Q + o));
    }
  }
  store<i32>(stackRows + (<usize>l << 2), k + n);
  if (bias) columnSumsAdd(gacc + bOff(l), Q, n, dout, s);
}

/**
 * Activations of set A for n rows; buf(A, 0) must point at the input. Biases from theta, weights
 * from w: theta itself, or (`packed`) its weight set.
 */
function forward(theta: usize, w: usize, packed: bool, n: i32, A: i32): void {
  for (let l = 1; l <= nL; l++) {
    const din = dim(l - 1);
    const dout = dim(l);
    const out = buf(A, l);
    fillRows(out, theta + bOff(l), n, dout);
    if (packed) mulW(out, buf(A, l - 1), n, din, dout, w + wOff(l), true);
    else gemm(out, buf(A, l - 1), din, 1, w + wOff(l), n, din, dout, true);
    if (l < nL) reluInPlace(out, n * dout);
  }
}

/** Loss c · mean (pred − y)², and g = ∂L/∂pred = 2c (pred − y)/(n d_L). */
function lossAndDelta(pred: usize, y: usize, n: i32, scale: f32, g: usize): f32 {
  const count = n * dim(nL);
  const k: f32 = (2 * scale) / <f32>count;
  let s: f64 = 0;
  for (let i = 0; i < count; i++) {
    const r = load<f32>(pred + (<usize>i << 2)) - load<f32>(y + (<usize>i << 2));
    s += <f64>r * <f64>r;
    store<f32>(g + (<usize>i << 2), k * r);
  }
  return <f32>((<f64>scale * s) / <f64>count);
}

/** Backpropagation: grad = ∇θ L from activations of set A and the output delta in buf(G, L). */
function backward(thetaT: usize, n: i32, A: i32, G: i32, grad: usize): void {
  for (let l = nL; l >= 1; l--) {
    const din = dim(l - 1);
    const dout = dim(l);
    const g = buf(G, l);
    gemm(grad + wOff(l), buf(A, l - 1), 1, din, g, din, n, dout, false); // A_{l-1}ᵀ G_l
    columnSums(grad + bOff(l), g, n, dout);
    if (l > 1) {
      mulW(buf(G, l - 1), g, n, dout, din, thetaT + wOff(l), false); // G_l W_lᵀ
      maskInPlace(buf(G, l - 1), buf(A, l - 1), n * din);
    }
  }
}

/**
 * Whether layer l's products with the direction V_l = A′_{l-1}ᵀ G′_l (the query gradient, rank nq)
 * are cheaper as two thin products through an (n × nq) matrix than with V_l as a dense matrix.
 */
@inline function thin(l: i32, nq: i32): bool {
  return nq * (dim(l - 1) + dim(l)) < dim(l - 1) * dim(l);
}

/**
 * s · the Hessian-vector product of the support loss at θ in direction v, added to gacc as stacked
 * blocks (pushBlocks), by Pearlmutter's R-operator:
 * forward R{Z_l} = R{A_{l-1}} W_l + A_{l-1} V_l + v_b, R{A_l} = R{Z_l} ⊙ step(Z_l); backward
 * R{G_L} = 2c/(n d_L) R{Z_L}, R{∂W_l} = R{A_{l-1}}ᵀ G_l + A_{l-1}ᵀ R{G_l}, R{∂b_l} = 1ᵀ R{G_l},
 * R{G_{l-1}} = (R{G_l} W_lᵀ + G_l V_lᵀ) ⊙ step(Z_{l-1}). Needs the support pass's A and G.
 *
 * v is the query gradient at θ′ (queryLoss leaves its A′ and G′ in the query sets), so
 * V_l = A′_{l-1}ᵀ G′_l exactly and, where thin(l), A_{l-1} V_l = (A_{l-1} A′_{l-1}ᵀ) G′_l and
 * G_l V_lᵀ = (G_l G′_lᵀ) A′_{l-1}: n·nq·(d_{l-1} + d_l) multiply-adds instead of n·d_{l-1}·d_l
 * (a 60-400-400-1 network with 2 query points: ~100× fewer for these terms).
 */
function hessianVector(v: usize, n: i32, nq: i32, scale: f32, s: f32): void {
  for (let l = 1; l <= nL; l++) {
    const din = dim(l - 1);
    const dout = dim(l);
    const r = buf(R_A, l);
    fillRows(r, v + bOff(l), n, dout);
    if (thin(l, nq)) {
      transpose(tq, buf(A_QRY, l - 1), nq, din); // A′ᵀ [din × nq]
      gemm(kq, buf(A_SUP, l - 1), din, 1, tq, n, din, nq, false); // A A′ᵀ [n × nq]
      gemm(r, kq, nq, 1, buf(G_QRY, l), n, nq, dout, true);
    } else gemm(r, buf(A_SUP, l - 1), din, 1, v + wOff(l), n, din, dout, true);
    if (l > 1) mulW(r, buf(R_A, l - 1), n, din, dout, wp + wOff(l), true);
    if (l < nL) maskInPlace(r, buf(A_SUP, l), n * dout);
  }
  const count = n * dim(nL);
  const k: f32 = (2 * scale) / <f32>count;
  const ra = buf(R_A, nL);
  const rg = buf(R_G, nL);
  for (let i = 0; i < count; i++) store<f32>(rg + (<usize>i << 2), k * load<f32>(ra + (<usize>i << 2)));
  for (let l = nL; l >= 1; l--) {
    const din = dim(l - 1);
    const dout = dim(l);
    pushBlocks(l, buf(A_SUP, l - 1), buf(R_G, l), n, s, true);
    if (l > 1) pushBlocks(l, buf(R_A, l - 1), buf(G_SUP, l), n, s, false);
    if (l > 1) {
      const prev = buf(R_G, l - 1);
      mulW(prev, buf(R_G, l), n, dout, din, wt + wOff(l), false);
      if (thin(l, nq)) {
        transpose(tq, buf(G_QRY, l), nq, dout); // G′ᵀ [dout × nq]
        gemm(kq, buf(G_SUP, l), dout, 1, tq, n, dout, nq, false); // G G′ᵀ [n × nq]
        gemm(prev, kq, nq, 1, buf(A_QRY, l - 1), n, nq, din, true);
      } else {
        transpose(vt + wOff(l), v + wOff(l), din, dout);
        gemm(prev, buf(G_SUP, l), dout, 1, vt + wOff(l), n, dout, din, true);
      }
      maskInPlace(prev, buf(A_SUP, l - 1), n * din);
    }
  }
}

/** out = p + s·q over the parameter vector; true when any entry is non-finite or |entry| > limit. */
function axpyEscapes(out: usize, p: usize, s: f32, q: usize, limit: f32): bool {
  const vs = f32x4.splat(s);
  const vl = f32x4.splat(limit);
  let ok = i32x4.splat(-1);
  const n4 = nP & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const v = f32x4.add(v128.load(p + o), f32x4.mul(vs, v128.load(q + o)));
    v128.store(out + o, v);
    ok = v128.and(ok, f32x4.le(f32x4.abs(v), vl)); // false for NaN too
  }
  let bad = !i32x4.all_true(ok);
  for (let i = n4; i < nP; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(p + o) + s * load<f32>(q + o);
    store<f32>(out + o, v);
    if (!(Mathf.abs(v) <= limit)) bad = true;
  }
  return bad;
}

/**
 * Adapts θ on task t's support set. With a finite bound θ′ is formed in thetaP (and checked: true
 * when it escapes); with an infinite one (`implicit`) only the support deltas G_l are kept, for
 * queryLossImplicit.
 */
function adaptTask(
  theta: usize,
  alpha: f32,
  ns: i32,
  xs: usize,
  ys: usize,
  scale: f32,
  limit: f32,
  implicit: bool,
): bool {
  setBuf(A_SUP, 0, xs);
  forward(theta, wp, true, ns, A_SUP);
  lossAndDelta(buf(A_SUP, nL), ys, ns, scale, buf(G_SUP, nL));
  if (implicit) {
    for (let l = nL; l > 1; l--) {
      mulW(buf(G_SUP, l - 1), buf(G_SUP, l), ns, dim(l), dim(l - 1), wt + wOff(l), false);
      maskInPlace(buf(G_SUP, l - 1), buf(A_SUP, l - 1), ns * dim(l - 1));
    }
    return false;
  }
  backward(wt, ns, A_SUP, G_SUP, dTheta);
  return axpyEscapes(thetaP, theta, -alpha, dTheta, limit);
}

/**
 * Backpropagation of the query loss at θ′ from its output delta: the deltas G′_l (query sets) and,
 * as the direction of the Hessian-vector product, ∇L_q(θ′) in gq — its biases, and a weight only
 * where `direction` and the HVP needs it dense (!thin). wT holds the transposed weights of θ′
 * (explicit) or of θ (`implicit`: θ′ = θ − α∇L_s(θ) not formed, see queryLossImplicit).
 */
function queryBackward(wT: usize, implicit: bool, alpha: f32, ns: i32, nq: i32, direction: bool): void {
  for (let l = nL; l >= 1; l--) {
    const din = dim(l - 1);
    const dout = dim(l);
    const g = buf(G_QRY, l);
    if (direction && !thin(l, nq)) gemm(gq + wOff(l), buf(A_QRY, l - 1), 1, din, g, din, nq, dout, false);
    columnSums(gq + bOff(l), g, nq, dout);
    if (l > 1) {
      const prev = buf(G_QRY, l - 1);
      mulW(prev, g, nq, dout, din, wT + wOff(l), false);
      if (implicit) {
        kernelRows(g, nq, G_SUP, l, ns, 0, -alpha);
        gemm(prev, kq, ns, 1, buf(A_SUP, l - 1), nq, ns, din, true);
      }
      maskInPlace(prev, buf(A_QRY, l - 1), nq * din);
    }
  }
}

/** Query loss at θ′ = thetaP; with `grad`, also its backward pass (queryBackward). */
function queryLoss(nq: i32, xq: usize, yq: usize, scale: f32, grad: bool, direction: bool): f32 {
  setBuf(A_QRY, 0, xq);
  forward(thetaP, thetaP, false, nq, A_QRY);
  const loss = lossAndDelta(buf(A_QRY, nL), yq, nq, scale, buf(G_QRY, nL));
  if (grad) {
    packWeights(wtq, thetaP, true);
    queryBackward(wtq, false, 0, 0, nq, direction);
  }
  return loss;
}

/** kq [m × ns] = s · (P Sᵀ + c), P = rows [m × d], S = buf(set, l) [ns × d] (via tq = Sᵀ). */
function kernelRows(P: usize, m: i32, set: i32, l: i32, ns: i32, c: f32, s: f32): void {
  const d = dim(l);
  transpose(tq, buf(set, l), ns, d);
  gemm(kq, P, d, 1, tq, m, d, ns, false);
  for (let i = 0; i < m * ns; i++) {
    const p = kq + (<usize>i << 2);
    store<f32>(p, s * (load<f32>(p) + c));
  }
}

/**
 * Query loss at θ′ = θ − α∇L_s(θ) without forming θ′ (one inner step is low-rank in the support
 * data: ∇_{W_l} L_s = A_{l-1}ᵀ G_l, ∇_{b_l} L_s = 1ᵀ G_l), so for query rows A′
 *   A′_{l-1} W′_l + b′_l = A′_{l-1} W_l + b_l − α (A′_{l-1} A_{l-1}ᵀ + 1) G_l,
 *   G′_l W′_lᵀ = G′_l W_lᵀ − α (G′_l G_lᵀ) A_{l-1}:
 * the shared products plus (nq × ns) corrections, instead of an ns·d_{l-1}·d_l gradient and a
 * weight copy per task. With `grad`, also its backward pass (the same numbers as queryLoss, up to
 * rounding).
 */
function queryLossImplicit(
  theta: usize,
  alpha: f32,
  ns: i32,
  nq: i32,
  xq: usize,
  yq: usize,
  scale: f32,
  grad: bool,
  direction: bool,
): f32 {
  setBuf(A_QRY, 0, xq);
  for (let l = 1; l <= nL; l++) {
    const din = dim(l - 1);
    const dout = dim(l);
    const out = buf(A_QRY, l);
    fillRows(out, theta + bOff(l), nq, dout);
    mulW(out, buf(A_QRY, l - 1), nq, din, dout, wp + wOff(l), true);
    kernelRows(buf(A_QRY, l - 1), nq, A_SUP, l - 1, ns, 1, -alpha);
    gemm(out, kq, ns, 1, buf(G_SUP, l), nq, ns, dout, true);
    if (l < nL) reluInPlace(out, nq * dout);
  }
  const loss = lossAndDelta(buf(A_QRY, nL), yq, nq, scale, buf(G_QRY, nL));
  if (grad) queryBackward(wt, true, alpha, ns, nq, direction);
  return loss;
}

/**
 * The T tasks' query losses after one adaptation step each, their mean returned (NaN when some
 * task's θ′ escapes [−limit, limit]); with `grad`, also the mean meta-gradient into gacc (exact
 * when `secondOrder`). Tasks are stored consecutively: xs [T × ns × d_0], ys [T × ns × d_L],
 * xq [T × nq × d_0], yq [T × nq × d_L].
 */
function tasksPass(
  theta: usize,
  alpha: f32,
  T: i32,
  ns: i32,
  nq: i32,
  xs: usize,
  ys: usize,
  xq: usize,
  yq: usize,
  grad: bool,
  secondOrder: bool,
  scale: f32,
  limit: f32,
): f32 {
  const d0 = dim(0);
  const dL = dim(nL);
  if (grad) {
    memory.fill(gacc, 0, <usize>nP << 2);
    memory.fill(stackRows, 0, <usize>(MAX_LAYERS + 1) << 2);
  }
  packWeights(wp, theta, false);
  packWeights(wt, theta, true);
  const inv: f32 = 1 / <f32>T;
  // No bound to check on θ′ (limit = ∞): it need not be formed (queryLossImplicit).
  const implicit = limit == Infinity;
  let lossSum: f64 = 0;
  for (let t = 0; t < T; t++) {
    const sx = taskRows(xs, t, ns, d0);
    if (adaptTask(theta, alpha, ns, sx, taskRows(ys, t, ns, dL), scale, limit, implicit)) return NaN;
    const qx = taskRows(xq, t, nq, d0);
    const qy = taskRows(yq, t, nq, dL);
    lossSum += implicit
      ? queryLossImplicit(theta, alpha, ns, nq, qx, qy, scale, grad, secondOrder)
      : queryLoss(nq, qx, qy, scale, grad, secondOrder);
    if (!grad) continue;
    // gacc = (1/T) Σ_t (I − α H_s,t) ∇L_q,t(θ′_t): the query gradient's blocks, then the HVP's
    for (let l = 1; l <= nL; l++) pushBlocks(l, buf(A_QRY, l - 1), buf(G_QRY, l), nq, inv, true);
    if (secondOrder) hessianVector(gq, ns, nq, scale, -alpha * inv);
  }
  if (grad) for (let l = 1; l <= nL; l++) flushStack(l);
  return <f32>(lossSum / <f64>T);
}

/** Mean meta-gradient into gradientPtr(); returns the mean query loss (NaN: some θ′ escaped). */
export function metaGradient(
  theta: usize,
  alpha: f32,
  T: i32,
  ns: i32,
  nq: i32,
  xs: usize,
  ys: usize,
  xq: usize,
  yq: usize,
  secondOrder: bool,
  scale: f32,
  limit: f32,
): f32 {
  return tasksPass(theta, alpha, T, ns, nq, xs, ys, xq, yq, true, secondOrder, scale, limit);
}

/**
 * One SGD step θ ← θ − β · metaGradient. Returns the mean query loss before the step, or NaN when
 * the step must not be taken (θ′ escaped, non-finite loss, or the stepped θ leaves the bound);
 * θ is then left unchanged.
 */
export function sgdStep(
  theta: usize,
  alpha: f32,
  beta: f32,
  T: i32,
  ns: i32,
  nq: i32,
  xs: usize,
  ys: usize,
  xq: usize,
  yq: usize,
  secondOrder: bool,
  scale: f32,
  limit: f32,
): f32 {
  const loss = metaGradient(theta, alpha, T, ns, nq, xs, ys, xq, yq, secondOrder, scale, limit);
  if (!isFinite(loss)) return NaN;
  if (axpyEscapes(dTheta, theta, -beta, gacc, limit)) return NaN;
  memory.copy(theta, dTheta, <usize>nP << 2);
  return loss;
}

/** Mean query loss after adaptation over T tasks (evaluation); +∞ when some θ′ escapes. */
export function evalLoss(
  theta: usize,
  alpha: f32,
  T: i32,
  ns: i32,
  nq: i32,
  xs: usize,
  ys: usize,
  xq: usize,
  yq: usize,
  scale: f32,
  limit: f32,
): f32 {
  const loss = tasksPass(theta, alpha, T, ns, nq, xs, ys, xq, yq, false, false, scale, limit);
  return isNaN(loss) ? Infinity : loss;
}
