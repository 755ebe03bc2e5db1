/**
 * MAML on Conv4 (Finn et al. 2017's Omniglot network) in WebAssembly SIMD (AssemblyScript): the
 * exact second-order (or first-order) meta-gradient of a meta-batch with one inner SGD step on
 * every parameter. Built by `npm run build:kernels` into src/compute/kernels/mamlConv4Wasm.ts;
 * the host side is src/compute/kernels/mamlConv4Kernel.ts; the tfjs engine it replaces (and is
 * tested against) is src/compute/omniglot/conv4.ts.
 *
 * Why a kernel of its own: the tfjs engine spends an iteration in thousands of small ops (im2col by
 * slices, batch-norm moments, a taped gradient of a gradient), ~5 GFLOP/s on wasm; here every
 * product is one cache-blocked SIMD GEMM (linalg.ts) and nothing is dispatched.
 *
 * Network (images NHWC, positions as rows): block l = 1…4: P_l = im2col(h_{l-1}) (3 × 3 taps,
 * stride 2, padding 1 on every side, tap-major columns = the HWIO filter flattened),
 * z_l = P_l W_l (no bias), batch norm over the task's images and positions (biased variance,
 * ε = 1e-5): s = (σ² + ε)^-½, ẑ = (z − μ) s, y = γ ẑ + β, h_l = relu(y); logits = flatten(h_4) W_h
 * + b_h; loss = mean cross-entropy. Inner step θ′ = θ − α ∇L_s(θ); meta-gradient
 * (I − α H_s(θ)) ∇L_q(θ′) (theory.md §1), the Hessian-vector product by Pearlmutter's R-operator
 * through every layer (derivation at hessianVector). ReLU″ = 0 a.e.
 *
 * Parameters: one f32 vector [W_1, γ_1, β_1, …, W_4, γ_4, β_4, W_h, b_h], W_l [9·C_in × F],
 * W_h [side_4² · F × N] — the order and layout of conv4ParamShapes. Needs F % 4 == 0.
 */
import {
  align16,
  columnSums,
  gemm,
  gemmTN,
  mulW,
  packMatrix,
  setNarrowScratch,
  setTnScratch,
} from './linalg';
export { heapBase } from './linalg';

const BLOCKS: i32 = 4;
const EPS: f32 = 1e-5;

let F: i32 = 0;
let NW: i32 = 0;
let nP: i32 = 0;
/** i32 words: side[0..4] (input side, then each block's output side). */
let sides: usize = 0;
/** i32 words: parameter offsets (floats) of W_l, γ_l, β_l at 3(l−1) …, then W_h, b_h. */
let offs: usize = 0;

// Parameter-size vectors.
let gs: usize = 0;
let thetaP: usize = 0;
let gq: usize = 0;
let hv: usize = 0;
let gacc: usize = 0;
// Weight sets (packMatrix form: forward W, transposed Wᵀ) of θ, θ′ and the direction v.
let wF: usize = 0;
let wB: usize = 0;
let pF: usize = 0;
let pB: usize = 0;
let vF: usize = 0;
let vB: usize = 0;

/** usize words: buffer pointers per (set, kind, block). */
let ptab: usize = 0;
const SUP: i32 = 0;
const QRY: i32 = 1;
const RR: i32 = 2;
const SETS: i32 = 3;
// Kinds: P = im2col patches, Z = ẑ, H = h, DH = ∂/∂h, DY = ∂/∂y, DZ = ∂/∂z, S = the channels' s
// (R set: Q = mean(ẑ R{z})); logits, softmax p and ∂/∂logits per set at block 0.
const K_P: i32 = 0;
const K_Z: i32 = 1;
const K_H: i32 = 2;
const K_DH: i32 = 3;
const K_DY: i32 = 4;
const K_DZ: i32 = 5;
const K_S: i32 = 6;
const K_LOGITS: i32 = 7;
const K_PROB: i32 = 8;
const K_DLOGITS: i32 = 9;
const KINDS: i32 = 10;
/** col2im's source: ∂/∂P of the largest block. */
let tmpP: usize = 0;
let chanTmp: usize = 0;

@inline function side(l: i32): i32 {
  return load<i32>(sides + (<usize>l << 2));
}
@inline function cin(l: i32): i32 {
  return l == 1 ? 1 : F;
}
/** Rows (positions) of block l's output for M images. */
@inline function rowsOf(l: i32, M: i32): i32 {
  return M * side(l) * side(l);
}
@inline function off(k: i32): usize {
  return <usize>load<i32>(offs + (<usize>k << 2)) << 2;
}
@inline function wOff(l: i32): usize {
  return off(3 * (l - 1));
}
@inline function gOff(l: i32): usize {
  return off(3 * (l - 1) + 1);
}
@inline function bOff(l: i32): usize {
  return off(3 * (l - 1) + 2);
}
@inline function whOff(): usize {
  return off(3 * BLOCKS);
}
@inline function bhOff(): usize {
  return off(3 * BLOCKS + 1);
}
@inline function featureSize(): i32 {
  return side(BLOCKS) * side(BLOCKS) * F;
}
@inline function buf(set: i32, kind: i32, l: i32): usize {
  return load<usize>(ptab + (<usize>((set * KINDS + kind) * (BLOCKS + 1) + l) << 2));
}
@inline function setBuf(set: i32, kind: i32, l: i32, p: usize): void {
  store<usize>(ptab + (<usize>((set * KINDS + kind) * (BLOCKS + 1) + l) << 2), p);
}

/**
 * Lays out the scratch for Conv4 with `filters` (a multiple of 4), `way` classes, `imageSize`
 * inputs, and up to maxS support and maxQ query images per task; returns its end.
 */
export function configure(
  scratch: usize,
  filters: i32,
  way: i32,
  imageSize: i32,
  maxS: i32,
  maxQ: i32,
): usize {
  F = filters;
  NW = way;
  let p = align16(scratch);
  sides = p;
  p = align16(p + 4 * (BLOCKS + 1));
  store<i32>(sides, imageSize);
  for (let l = 1; l <= BLOCKS; l++) store<i32>(sides + (<usize>l << 2), (side(l - 1) - 1) / 2 + 1);
  offs = p;
  p = align16(p + 4 * (3 * BLOCKS + 2));
  let o: i32 = 0;
  for (let l = 1; l <= BLOCKS; l++) {
    store<i32>(offs + (<usize>(3 * (l - 1)) << 2), o);
    o += 9 * cin(l) * F;
    store<i32>(offs + (<usize>(3 * (l - 1) + 1) << 2), o);
    o += F;
    store<i32>(offs + (<usize>(3 * (l - 1) + 2) << 2), o);
    o += F;
  }
  store<i32>(offs + (<usize>(3 * BLOCKS) << 2), o);
  o += featureSize() * NW;
  store<i32>(offs + (<usize>(3 * BLOCKS + 1) << 2), o);
  o += NW;
  nP = o;
  const pv = align16(<usize>nP << 2);
  gs = p;
  thetaP = p + pv;
  gq = p + 2 * pv;
  hv = p + 3 * pv;
  gacc = p + 4 * pv;
  wF = p + 5 * pv;
  wB = p + 6 * pv;
  pF = p + 7 * pv;
  pB = p + 8 * pv;
  vF = p + 9 * pv;
  vB = p + 10 * pv;
  p += 11 * pv;
  ptab = p;
  p = align16(p + (<usize>(SETS * KINDS * (BLOCKS + 1)) << 2));
  for (let set = 0; set < SETS; set++) {
    const M = set == QRY ? maxQ : maxS;
    for (let l = 1; l <= BLOCKS; l++) {
      const r = rowsOf(l, M);
      for (let k = 0; k < KINDS; k++) {
        let floats = 0;
        if (k == K_P) floats = r * 9 * cin(l);
        else if (k == K_S) floats = F;
        else if (k < K_S) floats = r * F;
        if (floats == 0) continue;
        setBuf(set, k, l, p);
        p = align16(p + (<usize>floats << 2));
      }
    }
    for (let k = K_LOGITS; k <= K_DLOGITS; k++) {
      setBuf(set, k, 0, p);
      p = align16(p + (<usize>(M * NW) << 2));
    }
  }
  const M = max(maxS, maxQ);
  tmpP = p;
  p = align16(p + (<usize>(rowsOf(2, M) * 9 * F) << 2));
  chanTmp = p;
  p = align16(p + (<usize>(8 * F) << 2));
  const tn = rowsOf(2, M) * (F + 4);
  setTnScratch(p, tn);
  p = align16(p + (<usize>tn << 2));
  setNarrowScratch(p);
  p = align16(p + (<usize>(3 * max(max(9 * F, featureSize()), max(rowsOf(1, M), M))) << 2));
  return p;
}

export function paramCount(): i32 {
  return nP;
}
/** Where metaGradient leaves the mean meta-gradient (nP floats). */
export function gradientPtr(): usize {
  return gacc;
}

/** Weight sets of the parameter vector p: forward (W) into f, transposed (Wᵀ) into b. */
function packSet(f: usize, b: usize, p: usize): void {
  for (let l = 1; l <= BLOCKS; l++) {
    const k = 9 * cin(l);
    packMatrix(f + wOff(l), p + wOff(l), k, F, false);
    if (l > 1) packMatrix(b + wOff(l), p + wOff(l), F, k, true);
  }
  const fs = featureSize();
  packMatrix(f + whOff(), p + whOff(), fs, NW, false);
  packMatrix(b + whOff(), p + whOff(), NW, fs, true);
}

/** dst [M·So² × 9C] = the 3 × 3, stride-2, pad-1 patches of src [M × S × S × C]. */
function im2col(dst: usize, src: usize, M: i32, S: i32, C: i32): void {
  const So = (S - 1) / 2 + 1;
  const rowBytes = <usize>(9 * C) << 2;
  const cb = <usize>C << 2;
  let d = dst;
  for (let m = 0; m < M; m++) {
    for (let oy = 0; oy < So; oy++) {
      for (let ox = 0; ox < So; ox++) {
        for (let ky = 0; ky < 3; ky++) {
          const iy = 2 * oy + ky - 1;
          for (let kx = 0; kx < 3; kx++) {
            const ix = 2 * ox + kx - 1;
            const t = d + <usize>(ky * 3 + kx) * cb;
            const out = iy < 0 || iy >= S || ix < 0 || ix >= S;
            // one channel (the image): a float, not a bulk-memory call
            if (C == 1) store<f32>(t, out ? 0 : load<f32>(src + (<usize>((m * S + iy) * S + ix) << 2)));
            else if (out) memory.fill(t, 0, cb);
            else memory.copy(t, src + (<usize>((m * S + iy) * S + ix) * cb), cb);
          }
        }
        d += rowBytes;
      }
    }
  }
}

/** dst [M × S × S × C] = the adjoint of im2col applied to src [M·So² × 9C] (overlaps summed). */
function col2im(dst: usize, src: usize, M: i32, S: i32, C: i32): void {
  const So = (S - 1) / 2 + 1;
  const cb = <usize>C << 2;
  memory.fill(dst, 0, <usize>(M * S * S) * cb);
  let s = src;
  for (let m = 0; m < M; m++) {
    for (let oy = 0; oy < So; oy++) {
      for (let ox = 0; ox < So; ox++) {
        for (let ky = 0; ky < 3; ky++) {
          const iy = 2 * oy + ky - 1;
          if (iy < 0 || iy >= S) continue;
          for (let kx = 0; kx < 3; kx++) {
            const ix = 2 * ox + kx - 1;
            if (ix < 0 || ix >= S) continue;
            const t = s + <usize>(ky * 3 + kx) * cb;
            const o = dst + (<usize>((m * S + iy) * S + ix) * cb);
            for (let c: usize = 0; c < cb; c += 16) v128.store(o + c, f32x4.add(v128.load(o + c), v128.load(t + c)));
          }
        }
        s += 9 * cb;
      }
    }
  }
}

/**
 * Batch norm + ReLU of block l, in place: z (rows × F) → ẑ; h = relu(γ ẑ + β); the channels' s
 * into sv. Statistics over all rows (the task's images and positions), as PyTorch in training mode.
 */
function bnForward(z: usize, h: usize, sv: usize, gamma: usize, beta: usize, R: i32): void {
  // Row by row (the rows are contiguous; per channel the same summation order as column by column).
  const mu = chanTmp;
  const inv: f32 = 1 / <f32>R;
  const vi = f32x4.splat(inv);
  const rb = <usize>F << 2;
  memory.fill(mu, 0, rb);
  memory.fill(sv, 0, rb);
  for (let r = 0; r < R; r++) {
    const pz = z + <usize>r * rb;
    for (let c: usize = 0; c < rb; c += 16) v128.store(mu + c, f32x4.add(v128.load(mu + c), v128.load(pz + c)));
  }
  for (let c: usize = 0; c < rb; c += 16) v128.store(mu + c, f32x4.mul(v128.load(mu + c), vi));
  for (let r = 0; r < R; r++) {
    const pz = z + <usize>r * rb;
    for (let c: usize = 0; c < rb; c += 16) {
      const d = f32x4.sub(v128.load(pz + c), v128.load(mu + c));
      v128.store(sv + c, f32x4.add(v128.load(sv + c), f32x4.mul(d, d)));
    }
  }
  for (let c: usize = 0; c < rb; c += 16) {
    const v = f32x4.add(f32x4.mul(v128.load(sv + c), vi), f32x4.splat(EPS));
    v128.store(sv + c, f32x4.div(f32x4.splat(1), f32x4.sqrt(v)));
  }
  const zero = f32x4.splat(0);
  for (let r = 0; r < R; r++) {
    const pz = z + <usize>r * rb;
    const ph = h + <usize>r * rb;
    for (let c: usize = 0; c < rb; c += 16) {
      const zh = f32x4.mul(f32x4.sub(v128.load(pz + c), v128.load(mu + c)), v128.load(sv + c));
      v128.store(pz + c, zh);
      const y = f32x4.add(f32x4.mul(zh, v128.load(gamma + c)), v128.load(beta + c));
      v128.store(ph + c, f32x4.max(y, zero));
    }
  }
}

/** Softmax rows of the set's logits into its p; returns the mean cross-entropy against y (one-hot). */
function softmaxLoss(set: i32, y: usize, M: i32): f32 {
  const lg = buf(set, K_LOGITS, 0);
  const pr = buf(set, K_PROB, 0);
  const dl = buf(set, K_DLOGITS, 0);
  let loss: f64 = 0;
  const inv: f32 = 1 / <f32>M;
  for (let i = 0; i < M; i++) {
    const o = <usize>(i * NW) << 2;
    let mx: f32 = -Infinity;
    for (let j = 0; j < NW; j++) mx = max(mx, load<f32>(lg + o + (<usize>j << 2)));
    let sum: f32 = 0;
    for (let j = 0; j < NW; j++) {
      const e = Mathf.exp(load<f32>(lg + o + (<usize>j << 2)) - mx);
      store<f32>(pr + o + (<usize>j << 2), e);
      sum += e;
    }
    const logSum = Mathf.log(sum) + mx;
    for (let j = 0; j < NW; j++) {
      const q = o + (<usize>j << 2);
      const p = load<f32>(pr + q) / sum;
      store<f32>(pr + q, p);
      const t = load<f32>(y + q);
      loss += <f64>(t * (logSum - load<f32>(lg + q)));
      store<f32>(dl + q, (p - t) * inv);
    }
  }
  return <f32>(loss / <f64>M);
}

/** Forward pass of M images x through the parameters th (weights packed in wf) into `set`. */
function forwardNet(set: i32, th: usize, wf: usize, x: usize, M: i32): void {
  let h = x;
  for (let l = 1; l <= BLOCKS; l++) {
    const R = rowsOf(l, M);
    const P = buf(set, K_P, l);
    im2col(P, h, M, side(l - 1), cin(l));
    const z = buf(set, K_Z, l);
    mulW(z, P, R, 9 * cin(l), F, wf + wOff(l), false);
    bnForward(z, buf(set, K_H, l), buf(set, K_S, l), th + gOff(l), th + bOff(l), R);
    h = buf(set, K_H, l);
  }
  const lg = buf(set, K_LOGITS, 0);
  for (let i = 0; i < M; i++) memory.copy(lg + (<usize>(i * NW) << 2), th + bhOff(), <usize>NW << 2);
  mulW(lg, h, M, featureSize(), NW, wf + whOff(), true);
}

/**
 * Batch-norm + ReLU backward of block l: from ∂/∂h (dh) to dy = dh ⊙ [h > 0], ∂γ = Σ dy ẑ,
 * ∂β = Σ dy (into grad), and dz = s (γ dy − m1 − ẑ m2) with m1 = γ ∂β / R, m2 = γ ∂γ / R.
 */
function bnBackward(set: i32, l: i32, th: usize, R: i32, grad: usize): void {
  const dh = buf(set, K_DH, l);
  const h = buf(set, K_H, l);
  const zh = buf(set, K_Z, l);
  const dy = buf(set, K_DY, l);
  const dz = buf(set, K_DZ, l);
  const sv = buf(set, K_S, l);
  const rb = <usize>F << 2;
  const zero = f32x4.splat(0);
  const dg = grad + gOff(l);
  const db = grad + bOff(l);
  memory.fill(dg, 0, rb);
  memory.fill(db, 0, rb);
  for (let r = 0; r < R; r++) {
    const o = <usize>r * rb;
    for (let c: usize = 0; c < rb; c += 16) {
      const d = v128.and(v128.load(dh + o + c), f32x4.gt(v128.load(h + o + c), zero));
      v128.store(dy + o + c, d);
      v128.store(dg + c, f32x4.add(v128.load(dg + c), f32x4.mul(d, v128.load(zh + o + c))));
      v128.store(db + c, f32x4.add(v128.load(db + c), d));
    }
  }
  const m1 = chanTmp;
  const m2 = chanTmp + rb;
  const vi = f32x4.splat(1 / <f32>R);
  for (let c: usize = 0; c < rb; c += 16) {
    const g = v128.load(th + gOff(l) + c);
    v128.store(m1 + c, f32x4.mul(f32x4.mul(g, v128.load(db + c)), vi));
    v128.store(m2 + c, f32x4.mul(f32x4.mul(g, v128.load(dg + c)), vi));
  }
  for (let r = 0; r < R; r++) {
    const o = <usize>r * rb;
    for (let c: usize = 0; c < rb; c += 16) {
      const g = v128.load(th + gOff(l) + c);
      const u = f32x4.sub(
        f32x4.sub(f32x4.mul(g, v128.load(dy + o + c)), v128.load(m1 + c)),
        f32x4.mul(v128.load(zh + o + c), v128.load(m2 + c)),
      );
      v128.store(dz + o + c, f32x4.mul(v128.load(sv + c), u));
    }
  }
}

/** Backward pass of `set` (after forwardNet and softmaxLoss): ∇ of its loss at th into grad. */
function backwardNet(set: i32, th: usize, wb: usize, M: i32, grad: usize): void {
  const fs = featureSize();
  const dl = buf(set, K_DLOGITS, 0);
  const f = buf(set, K_H, BLOCKS);
  gemm(grad + whOff(), f, 1, fs, dl, fs, M, NW, false); // fᵀ ∂logits
  columnSums(grad + bhOff(), dl, M, NW);
  mulW(buf(set, K_DH, BLOCKS), dl, M, NW, fs, wb + whOff(), false); // ∂logits W_hᵀ
  for (let l = BLOCKS; l >= 1; l--) {
    const R = rowsOf(l, M);
    const k = 9 * cin(l);
    bnBackward(set, l, th, R, grad);
    const dz = buf(set, K_DZ, l);
    gemmTN(grad + wOff(l), buf(set, K_P, l), dz, k, R, F, false); // Pᵀ dz
    if (l > 1) {
      mulW(tmpP, dz, R, F, k, wb + wOff(l), false); // dz Wᵀ
      col2im(buf(set, K_DH, l - 1), tmpP, M, side(l - 1), F);
    }
  }
}

/**
 * hv = H_s(θ) v for the support set (its forward and backward passes in SUP), v = gq, by the
 * R-operator R{·} = d/dε (·)(θ + ε v) |₀:
 *   forward:  R{z} = R{P} W + P V;  R{ẑ} = s (R{z} − mean R{z} − ẑ q), q = mean(ẑ R{z});
 *             R{h} = [h > 0] (V_γ ẑ + γ R{ẑ} + V_β);  R{logits} = R{f} W_h + f V_h + V_b;
 *             R{∂logits} = p ⊙ (R{logits} − Σ_j p_j R{logits}_j) / M.
 *   backward: R{∂W_h} = R{f}ᵀ ∂logits + fᵀ R{∂logits}; R{∂f} = R{∂logits} W_hᵀ + ∂logits V_hᵀ;
 *             per block, R{dy} = [h > 0] R{∂h}; R{∂γ} = Σ (R{dy} ẑ + dy R{ẑ}); R{∂β} = Σ R{dy};
 *             with u = γ dy − m1 − ẑ m2 (dz = s u), R{s} = −s² q, R{m1} = (V_γ ∂β + γ R{∂β})/R,
 *             R{m2} = (V_γ ∂γ + γ R{∂γ})/R:
 *             R{dz} = R{s} u + s (V_γ dy + γ R{dy} − R{m1} − R{ẑ} m2 − ẑ R{m2});
 *             R{∂W} = R{P}ᵀ dz + Pᵀ R{dz};  R{∂P} = R{dz} Wᵀ + dz Vᵀ → col2im → R{∂h} of the block below.
 */
function hessianVector(th: usize, v: usize, M: i32): void {
  packSet(vF, vB, v);
  const rb = <usize>F << 2;
  const zero = f32x4.splat(0);
  // forward R pass
  for (let l = 1; l <= BLOCKS; l++) {
    const R = rowsOf(l, M);
    const k = 9 * cin(l);
    const rz = buf(RR, K_Z, l);
    mulW(rz, buf(SUP, K_P, l), R, k, F, vF + wOff(l), false);
    if (l > 1) {
      const rp = buf(RR, K_P, l);
      im2col(rp, buf(RR, K_H, l - 1), M, side(l - 1), F);
      mulW(rz, rp, R, k, F, wF + wOff(l), true);
    }
    const zh = buf(SUP, K_Z, l);
    const h = buf(SUP, K_H, l);
    const sv = buf(SUP, K_S, l);
    const q = buf(RR, K_S, l);
    const rh = buf(RR, K_H, l);
    const vi = f32x4.splat(1 / <f32>R);
    const rmu = chanTmp;
    memory.fill(rmu, 0, rb);
    memory.fill(q, 0, rb);
    for (let r = 0; r < R; r++) {
      const o = <usize>r * rb;
      for (let c: usize = 0; c < rb; c += 16) {
        const x = v128.load(rz + o + c);
        v128.store(rmu + c, f32x4.add(v128.load(rmu + c), x));
        v128.store(q + c, f32x4.add(v128.load(q + c), f32x4.mul(x, v128.load(zh + o + c))));
      }
    }
    for (let c: usize = 0; c < rb; c += 16) {
      v128.store(rmu + c, f32x4.mul(v128.load(rmu + c), vi));
      v128.store(q + c, f32x4.mul(v128.load(q + c), vi));
    }
    for (let r = 0; r < R; r++) {
      const o = <usize>r * rb;
      for (let c: usize = 0; c < rb; c += 16) {
        const z = v128.load(zh + o + c);
        const rzh = f32x4.mul(
          v128.load(sv + c),
          f32x4.sub(f32x4.sub(v128.load(rz + o + c), v128.load(rmu + c)), f32x4.mul(z, v128.load(q + c))),
        );
        v128.store(rz + o + c, rzh); // R{ẑ}
        const ry = f32x4.add(
          f32x4.add(f32x4.mul(v128.load(v + gOff(l) + c), z), f32x4.mul(v128.load(th + gOff(l) + c), rzh)),
          v128.load(v + bOff(l) + c),
        );
        v128.store(rh + o + c, v128.and(ry, f32x4.gt(v128.load(h + o + c), zero)));
      }
    }
  }
  // head
  const fs = featureSize();
  const rl = buf(RR, K_LOGITS, 0);
  const f = buf(SUP, K_H, BLOCKS);
  const rf = buf(RR, K_H, BLOCKS);
  for (let i = 0; i < M; i++) memory.copy(rl + (<usize>(i * NW) << 2), v + bhOff(), <usize>NW << 2);
  mulW(rl, rf, M, fs, NW, wF + whOff(), true);
  mulW(rl, f, M, fs, NW, vF + whOff(), true);
  const pr = buf(SUP, K_PROB, 0);
  const rdl = buf(RR, K_DLOGITS, 0);
  const inv: f32 = 1 / <f32>M;
  for (let i = 0; i < M; i++) {
    const o = <usize>(i * NW) << 2;
    let dot: f32 = 0;
    for (let j = 0; j < NW; j++) dot += load<f32>(pr + o + (<usize>j << 2)) * load<f32>(rl + o + (<usize>j << 2));
    for (let j = 0; j < NW; j++) {
      const q = o + (<usize>j << 2);
      store<f32>(rdl + q, load<f32>(pr + q) * (load<f32>(rl + q) - dot) * inv);
    }
  }
  // backward R pass
  const dl = buf(SUP, K_DLOGITS, 0);
  gemm(hv + whOff(), rf, 1, fs, dl, fs, M, NW, false);
  gemm(hv + whOff(), f, 1, fs, rdl, fs, M, NW, true);
  columnSums(hv + bhOff(), rdl, M, NW);
  mulW(buf(RR, K_DH, BLOCKS), rdl, M, NW, fs, wB + whOff(), false);
  mulW(buf(RR, K_DH, BLOCKS), dl, M, NW, fs, vB + whOff(), true);
  for (let l = BLOCKS; l >= 1; l--) {
    const R = rowsOf(l, M);
    const k = 9 * cin(l);
    const rdh = buf(RR, K_DH, l);
    const h = buf(SUP, K_H, l);
    const zh = buf(SUP, K_Z, l);
    const rzh = buf(RR, K_Z, l);
    const dy = buf(SUP, K_DY, l);
    const rdy = buf(RR, K_DY, l);
    const rdz = buf(RR, K_DZ, l);
    const rg = hv + gOff(l);
    const rbt = hv + bOff(l);
    memory.fill(rg, 0, rb);
    memory.fill(rbt, 0, rb);
    for (let r = 0; r < R; r++) {
      const o = <usize>r * rb;
      for (let c: usize = 0; c < rb; c += 16) {
        const d = v128.and(v128.load(rdh + o + c), f32x4.gt(v128.load(h + o + c), zero));
        v128.store(rdy + o + c, d);
        const t = f32x4.add(f32x4.mul(d, v128.load(zh + o + c)), f32x4.mul(v128.load(dy + o + c), v128.load(rzh + o + c)));
        v128.store(rg + c, f32x4.add(v128.load(rg + c), t));
        v128.store(rbt + c, f32x4.add(v128.load(rbt + c), d));
      }
    }
    // per channel: m1, m2, R{m1}, R{m2}, R{s}
    const m1 = chanTmp;
    const m2 = chanTmp + rb;
    const rm1 = chanTmp + 2 * rb;
    const rm2 = chanTmp + 3 * rb;
    const rs = chanTmp + 4 * rb;
    const vi = f32x4.splat(1 / <f32>R);
    const sv = buf(SUP, K_S, l);
    const q = buf(RR, K_S, l);
    for (let c: usize = 0; c < rb; c += 16) {
      const g = v128.load(th + gOff(l) + c);
      const vg = v128.load(v + gOff(l) + c);
      const dg = v128.load(gs + gOff(l) + c);
      const db = v128.load(gs + bOff(l) + c);
      v128.store(m1 + c, f32x4.mul(f32x4.mul(g, db), vi));
      v128.store(m2 + c, f32x4.mul(f32x4.mul(g, dg), vi));
      v128.store(rm1 + c, f32x4.mul(f32x4.add(f32x4.mul(vg, db), f32x4.mul(g, v128.load(rbt + c))), vi));
      v128.store(rm2 + c, f32x4.mul(f32x4.add(f32x4.mul(vg, dg), f32x4.mul(g, v128.load(rg + c))), vi));
      const s = v128.load(sv + c);
      v128.store(rs + c, f32x4.neg(f32x4.mul(f32x4.mul(s, s), v128.load(q + c))));
    }
    for (let r = 0; r < R; r++) {
      const o = <usize>r * rb;
      for (let c: usize = 0; c < rb; c += 16) {
        const g = v128.load(th + gOff(l) + c);
        const vg = v128.load(v + gOff(l) + c);
        const z = v128.load(zh + o + c);
        const d = v128.load(dy + o + c);
        const u = f32x4.sub(f32x4.sub(f32x4.mul(g, d), v128.load(m1 + c)), f32x4.mul(z, v128.load(m2 + c)));
        let w = f32x4.add(f32x4.mul(vg, d), f32x4.mul(g, v128.load(rdy + o + c)));
        w = f32x4.sub(w, v128.load(rm1 + c));
        w = f32x4.sub(w, f32x4.mul(v128.load(rzh + o + c), v128.load(m2 + c)));
        w = f32x4.sub(w, f32x4.mul(z, v128.load(rm2 + c)));
        v128.store(rdz + o + c, f32x4.add(f32x4.mul(v128.load(rs + c), u), f32x4.mul(v128.load(sv + c), w)));
      }
    }
    const P = buf(SUP, K_P, l);
    const dz = buf(SUP, K_DZ, l);
    gemmTN(hv + wOff(l), P, rdz, k, R, F, false);
    if (l > 1) {
      gemmTN(hv + wOff(l), buf(RR, K_P, l), dz, k, R, F, true);
      mulW(tmpP, rdz, R, F, k, wB + wOff(l), false);
      mulW(tmpP, dz, R, F, k, vB + wOff(l), true);
      col2im(buf(RR, K_DH, l - 1), tmpP, M, side(l - 1), F);
    }
  }
}

/** out += s · q over the parameter vector. */
function addScaled(out: usize, s: f32, q: usize): void {
  const vs = f32x4.splat(s);
  const n4 = nP & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.mul(vs, v128.load(q + o))));
  }
  for (let i = n4; i < nP; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(out + o) + s * load<f32>(q + o));
  }
}

/**
 * weight · Σ over T tasks of each task's meta-gradient into gradientPtr() (weight = 1/T: the mean;
 * 1/T_all for a group of a larger meta-batch, see src/compute/omniglot/kernelGroups.ts); returns
 * the sum of the tasks' query losses. Tasks are consecutive: xs [T × ms × S × S], ys [T × ms × N]
 * one-hot, xq [T × mq × S × S], yq [T × mq × N].
 */
export function metaGradient(
  theta: usize,
  alpha: f32,
  T: i32,
  ms: i32,
  mq: i32,
  xs: usize,
  ys: usize,
  xq: usize,
  yq: usize,
  secondOrder: bool,
  weight: f32,
): f32 {
  const img = side(0) * side(0);
  memory.fill(gacc, 0, <usize>nP << 2);
  packSet(wF, wB, theta);
  const inv = weight;
  let lossSum: f64 = 0;
  for (let t = 0; t < T; t++) {
    forwardNet(SUP, theta, wF, xs + (<usize>(t * ms * img) << 2), ms);
    softmaxLoss(SUP, ys + (<usize>(t * ms * NW) << 2), ms);
    backwardNet(SUP, theta, wB, ms, gs);
    memory.copy(thetaP, theta, <usize>nP << 2);
    addScaled(thetaP, -alpha, gs);
    packSet(pF, pB, thetaP);
    forwardNet(QRY, thetaP, pF, xq + (<usize>(t * mq * img) << 2), mq);
    lossSum += softmaxLoss(QRY, yq + (<usize>(t * mq * NW) << 2), mq);
    backwardNet(QRY, thetaP, pB, mq, gq);
    addScaled(gacc, inv, gq);
    if (secondOrder && alpha != 0) {
      hessianVector(theta, gq, ms);
      addScaled(gacc, -alpha * inv, hv);
    }
  }
  return <f32>lossSum;
}

// Scoring (src/compute/omniglot/kernelScore.ts): a task's adaptation and predictions at any θ.

/** θ ← θ − α ∇L_s(θ): one SGD step on M support images (xs [M × S × S], ys one-hot); the loss. */
export function sgdStep(theta: usize, alpha: f32, xs: usize, ys: usize, M: i32): f32 {
  packSet(wF, wB, theta);
  forwardNet(SUP, theta, wF, xs, M);
  const loss = softmaxLoss(SUP, ys, M);
  backwardNet(SUP, theta, wB, M, gs);
  addScaled(theta, -alpha, gs);
  return loss;
}

/**
 * The forward pass of M images at θ (batch norm on these M's statistics, as in training); returns
 * the pointer of their logits [M × N] (features: false) or of their block-4 features
 * [M × featureSize], in the query set's buffers (M ≤ the configured query count).
 */
export function predict(theta: usize, x: usize, M: i32, features: bool): usize {
  packSet(pF, pB, theta);
  forwardNet(QRY, theta, pF, x, M);
  return features ? buf(QRY, K_H, BLOCKS) : buf(QRY, K_LOGITS, 0);
}

/**
 * One Adam step (Kingma & Ba 2015, as src/compute/nn/adam.ts: bias-corrected moments, ε outside
 * the square root) on θ with the last meta-gradient; m and v are nP floats each; corr1, corr2 =
 * 1 − β1ᵗ, 1 − β2ᵗ (from the host, in double precision as adam.ts computes them).
 */
export function adamStep(
  theta: usize,
  m: usize,
  v: usize,
  lr: f32,
  b1: f32,
  b2: f32,
  eps: f32,
  corr1: f32,
  corr2: f32,
): void {
  for (let i = 0; i < nP; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(gacc + o);
    const mi = load<f32>(m + o) * b1 + g * (1 - b1);
    const vi = load<f32>(v + o) * b2 + g * g * (1 - b2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(theta + o, load<f32>(theta + o) - lr * (mi / corr1 / (Mathf.sqrt(vi / corr2) + eps)));
  }
}
