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
/** Columns of B gathered for gemmNarrow (3 × the longest product). */
let narrow: usize = 0;
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
@inline function align16(p: usize): usize {
  return (p + 15) & ~(<usize>15);
}

/**
 * a·b + c on 4 lanes: one fused multiply-add in the relaxed-SIMD build (FMA hardware: twice the
 * products per cycle), a multiply then an add in the plain SIMD build. The two builds therefore
 * differ in rounding; each is deterministic, and the host reports which one ran.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
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
  narrow = p;
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
export function heapBase(): usize {
  return __heap_base;
}

/**
 * C[M × N] (+)= op(A) · B with a(i, k) = A[i·sai + k·sak] (sai = K, sak = 1: A; sai = 1, sak = M:
 * Aᵀ) and B row-major [K × N]. See gemmB.
 */
@inline function gemm(
  c: usize,
  a: usize,
  sai: i32,
  sak: i32,
  b: usize,
  M: i32,
  K: i32,
  N: i32,
  acc: bool,
): void {
  gemmB(c, a, sai, sak, b, M, K, N, acc, 0);
}

/**
 * c [n × N] (+)= a [n × K] · W for a weight W [K × N] in weight-set form (packWeights: panels of 8
 * columns when N is a multiple of 8, else row-major).
 */
@inline function mulW(c: usize, a: usize, n: i32, K: i32, N: i32, w: usize, acc: bool): void {
  gemmB(c, a, K, 1, w, n, K, N, acc, (N & 7) == 0 ? K : 0);
}

/**
 * C[M × N] (+)= op(A) · B as in gemm; with panelRows > 0, B is packed in panels of 8 columns
 * (column block j … j + 7 of panelRows ≥ K rows stored contiguously, N a multiple of 8: packPanels,
 * pushBlocks), so it streams
 * sequentially instead of one half cache line per row (~10 % faster on a 400 × 400 weight).
 * Blocks of 4 rows × 8 columns live in 8 SIMD registers; 2 leftover rows in blocks of 2 × 16 (the
 * same loads per multiply-add); N < 4 goes to gemmNarrow. Wider blocks (5 or 6 rows × 8) were
 * measured slower in V8 (register pressure).
 */
function gemmB(
  c: usize,
  a: usize,
  sai: i32,
  sak: i32,
  b: usize,
  M: i32,
  K: i32,
  N: i32,
  acc: bool,
  panelRows: i32,
): void {
  if (N < 4) {
    gemmNarrow(c, a, sai, sak, b, M, K, N, acc);
    return;
  }
  const N8 = N & ~7;
  const N4 = N & ~3;
  const ai = <usize>sai << 2;
  const ak = <usize>sak << 2;
  const ai2 = 2 * ai;
  const ai3 = 3 * ai;
  const bn = <usize>N << 2;
  // bytes from row k to k + 1 of B, and from column block j to j + 8
  const bk: usize = panelRows > 0 ? 32 : bn;
  const bj: usize = panelRows > 0 ? <usize>panelRows << 5 : 32;
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const pa = a + <usize>i * ai;
    const pc = c + <usize>i * bn;
    let pj = b;
    for (let j = 0; j < N8; j += 8) {
      const cj = pc + (<usize>j << 2);
      let c00 = acc ? v128.load(cj) : z;
      let c01 = acc ? v128.load(cj, 16) : z;
      let c10 = acc ? v128.load(cj + bn) : z;
      let c11 = acc ? v128.load(cj + bn, 16) : z;
      let c20 = acc ? v128.load(cj + 2 * bn) : z;
      let c21 = acc ? v128.load(cj + 2 * bn, 16) : z;
      let c30 = acc ? v128.load(cj + 3 * bn) : z;
      let c31 = acc ? v128.load(cj + 3 * bn, 16) : z;
      let pb = pj;
      let pk = pa;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const a0 = v128.load32_splat(pk);
        const a1 = v128.load32_splat(pk + ai);
        const a2 = v128.load32_splat(pk + ai2);
        const a3 = v128.load32_splat(pk + ai3);
        c00 = madd(a0, b0, c00);
        c01 = madd(a0, b1, c01);
        c10 = madd(a1, b0, c10);
        c11 = madd(a1, b1, c11);
        c20 = madd(a2, b0, c20);
        c21 = madd(a2, b1, c21);
        c30 = madd(a3, b0, c30);
        c31 = madd(a3, b1, c31);
        pb += bk;
        pk += ak;
      }
      v128.store(cj, c00);
      v128.store(cj, c01, 16);
      v128.store(cj + bn, c10);
      v128.store(cj + bn, c11, 16);
      v128.store(cj + 2 * bn, c20);
      v128.store(cj + 2 * bn, c21, 16);
      v128.store(cj + 3 * bn, c30);
      v128.store(cj + 3 * bn, c31, 16);
      pj += bj;
    }
    for (let j = N8; j < N4; j += 4) {
      const cj = pc + (<usize>j << 2);
      let c0 = acc ? v128.load(cj) : z;
      let c1 = acc ? v128.load(cj + bn) : z;
      let c2 = acc ? v128.load(cj + 2 * bn) : z;
      let c3 = acc ? v128.load(cj + 3 * bn) : z;
      let pb = b + (<usize>j << 2);
      let pk = pa;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        c0 = madd(v128.load32_splat(pk), b0, c0);
        c1 = madd(v128.load32_splat(pk + ai), b0, c1);
        c2 = madd(v128.load32_splat(pk + ai2), b0, c2);
        c3 = madd(v128.load32_splat(pk + ai3), b0, c3);
        pb += bn;
        pk += ak;
      }
      v128.store(cj, c0);
      v128.store(cj + bn, c1);
      v128.store(cj + 2 * bn, c2);
      v128.store(cj + 3 * bn, c3);
    }
    for (let j = N4; j < N; j++) {
      for (let r = 0; r < 4; r++) {
        const pr = pa + <usize>r * ai;
        let s: f32 = 0;
        for (let k = 0; k < K; k++) s += load<f32>(pr + <usize>k * ak) * load<f32>(b + <usize>k * bn + (<usize>j << 2));
        const pcj = pc + <usize>r * bn + (<usize>j << 2);
        store<f32>(pcj, acc ? load<f32>(pcj) + s : s);
      }
    }
  }
  if (i + 2 <= M) {
    // Two leftover rows (10 or 30 points per task = 4 + … + 4 + 2) in blocks of 2 × 16, then 2 × 8.
    const pa = a + <usize>i * ai;
    const pc = c + <usize>i * bn;
    let pj = b;
    let j = 0;
    for (; j + 16 <= N8; j += 16) {
      const cj = pc + (<usize>j << 2);
      let c00 = acc ? v128.load(cj) : z;
      let c01 = acc ? v128.load(cj, 16) : z;
      let c02 = acc ? v128.load(cj, 32) : z;
      let c03 = acc ? v128.load(cj, 48) : z;
      let c10 = acc ? v128.load(cj + bn) : z;
      let c11 = acc ? v128.load(cj + bn, 16) : z;
      let c12 = acc ? v128.load(cj + bn, 32) : z;
      let c13 = acc ? v128.load(cj + bn, 48) : z;
      let pb = pj;
      let pk = pa;
      for (let k = 0; k < K; k++) {
        const a0 = v128.load32_splat(pk);
        const a1 = v128.load32_splat(pk + ai);
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        c00 = madd(a0, b0, c00);
        c10 = madd(a1, b0, c10);
        c01 = madd(a0, b1, c01);
        c11 = madd(a1, b1, c11);
        const b2 = v128.load(pb + bj);
        const b3 = v128.load(pb + bj, 16);
        c02 = madd(a0, b2, c02);
        c12 = madd(a1, b2, c12);
        c03 = madd(a0, b3, c03);
        c13 = madd(a1, b3, c13);
        pb += bk;
        pk += ak;
      }
      v128.store(cj, c00);
      v128.store(cj, c01, 16);
      v128.store(cj, c02, 32);
      v128.store(cj, c03, 48);
      v128.store(cj + bn, c10);
      v128.store(cj + bn, c11, 16);
      v128.store(cj + bn, c12, 32);
      v128.store(cj + bn, c13, 48);
      pj += 2 * bj;
    }
    for (; j < N8; j += 8) {
      const cj = pc + (<usize>j << 2);
      let c00 = acc ? v128.load(cj) : z;
      let c01 = acc ? v128.load(cj, 16) : z;
      let c10 = acc ? v128.load(cj + bn) : z;
      let c11 = acc ? v128.load(cj + bn, 16) : z;
      let pb = pj;
      let pk = pa;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const a0 = v128.load32_splat(pk);
        const a1 = v128.load32_splat(pk + ai);
        c00 = madd(a0, b0, c00);
        c01 = madd(a0, b1, c01);
        c10 = madd(a1, b0, c10);
        c11 = madd(a1, b1, c11);
        pb += bk;
        pk += ak;
      }
      v128.store(cj, c00);
      v128.store(cj, c01, 16);
      v128.store(cj + bn, c10);
      v128.store(cj + bn, c11, 16);
      pj += bj;
    }
    gemmRow(pc, pa, ak, b, K, N, N8, acc);
    gemmRow(pc + bn, pa + ai, ak, b, K, N, N8, acc);
    i += 2;
  }
  for (; i < M; i++) {
    const pa = a + <usize>i * ai;
    const pc = c + <usize>i * bn;
    let pj = b;
    for (let j = 0; j < N8; j += 8) {
      const cj = pc + (<usize>j << 2);
      let c0 = acc ? v128.load(cj) : z;
      let c1 = acc ? v128.load(cj, 16) : z;
      let pb = pj;
      let pk = pa;
      for (let k = 0; k < K; k++) {
        const a0 = v128.load32_splat(pk);
        c0 = madd(a0, v128.load(pb), c0);
        c1 = madd(a0, v128.load(pb, 16), c1);
        pb += bk;
        pk += ak;
      }
      v128.store(cj, c0);
      v128.store(cj, c1, 16);
      pj += bj;
    }
    gemmRow(pc, pa, ak, b, K, N, N8, acc);
  }
}

/** One row of C (row-major B) from column j0 on: blocks of 4 columns, then single columns. */
function gemmRow(pc: usize, pa: usize, ak: usize, b: usize, K: i32, N: i32, j0: i32, acc: bool): void {
  const N4 = N & ~3;
  const bn = <usize>N << 2;
  const z = f32x4.splat(0);
  for (let j = j0; j < N4; j += 4) {
    const cj = pc + (<usize>j << 2);
    let c0 = acc ? v128.load(cj) : z;
    let pb = b + (<usize>j << 2);
    let pk = pa;
    for (let k = 0; k < K; k++) {
      c0 = madd(v128.load32_splat(pk), v128.load(pb), c0);
      pb += bn;
      pk += ak;
    }
    v128.store(cj, c0);
  }
  for (let j = max(N4, j0); j < N; j++) {
    let s: f32 = 0;
    for (let k = 0; k < K; k++) s += load<f32>(pa + <usize>k * ak) * load<f32>(b + <usize>k * bn + (<usize>j << 2));
    const pcj = pc + (<usize>j << 2);
    store<f32>(pcj, acc ? load<f32>(pcj) + s : s);
  }
}

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * gemm for N < 4 columns (a network's scalar output, products with 1–3 query points), where the
 * blocks above have nothing to vectorize: with A's rows contiguous (sak = 1) as dot products of a
 * row with a column of B (gathered into `narrow` first when N > 1); with A transposed (sai = 1)
 * over 4 rows of C at once, A's columns being contiguous.
 */
function gemmNarrow(c: usize, a: usize, sai: i32, sak: i32, b: usize, M: i32, K: i32, N: i32, acc: bool): void {
  const K4 = K & ~3;
  if (sak == 1) {
    let col = b;
    if (N > 1) {
      col = narrow;
      for (let j = 0; j < N; j++)
        for (let k = 0; k < K; k++)
          store<f32>(narrow + (<usize>(j * K + k) << 2), load<f32>(b + (<usize>(k * N + j) << 2)));
    }
    for (let i = 0; i < M; i++) {
      const pr = a + (<usize>(i * sai) << 2);
      for (let j = 0; j < N; j++) {
        const pb = col + (<usize>(j * K) << 2);
        let v = f32x4.splat(0);
        for (let k = 0; k < K4; k += 4) v = madd(v128.load(pr + (<usize>k << 2)), v128.load(pb + (<usize>k << 2)), v);
        let s = hsum(v);
        for (let k = K4; k < K; k++) s += load<f32>(pr + (<usize>k << 2)) * load<f32>(pb + (<usize>k << 2));
        const pcij = c + (<usize>(i * N + j) << 2);
        store<f32>(pcij, acc ? load<f32>(pcij) + s : s);
      }
    }
    return;
  }
  let i = 0;
  if (sai == 1) {
    for (; i + 4 <= M; i += 4) {
      for (let j = 0; j < N; j++) {
        let v = f32x4.splat(0);
        for (let k = 0; k < K; k++)
          v = madd(v128.load(a + (<usize>(k * sak + i) << 2)), v128.load32_splat(b + (<usize>(k * N + j) << 2)), v);
        for (let r = 0; r < 4; r++) {
          const pcij = c + (<usize>((i + r) * N + j) << 2);
          const s = f32x4.extract_lane(v, 0);
          v = v128.shuffle<f32>(v, v, 1, 2, 3, 0);
          store<f32>(pcij, acc ? load<f32>(pcij) + s : s);
        }
      }
    }
  }
  for (; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s: f32 = 0;
      for (let k = 0; k < K; k++) s += load<f32>(a + (<usize>(i * sai + k * sak) << 2)) * load<f32>(b + (<usize>(k * N + j) << 2));
      const pcij = c + (<usize>(i * N + j) << 2);
      store<f32>(pcij, acc ? load<f32>(pcij) + s : s);
    }
  }
}

/** dst = B [K × N] (row-major src, or srcᵀ when `transposed`: src is [N × K]) in panels of 8 columns. */
function packPanels(dst: usize, src: usize, K: i32, N: i32, transposed: bool): void {
  for (let j = 0; j < N; j += 8) {
    const pd = dst + (<usize>(j * K) << 2);
    if (!transposed) {
      for (let k = 0; k < K; k++) {
        const ps = src + (<usize>(k * N + j) << 2);
        v128.store(pd + (<usize>k << 5), v128.load(ps));
        v128.store(pd + (<usize>k << 5), v128.load(ps, 16), 16);
      }
      continue;
    }
    // B[k][j + r] = src[(j + r)·K + k]: 8 rows of src, 4 columns at a time, transposed by shuffles
    const K4 = K & ~3;
    const rs = <usize>K << 2;
    for (let k = 0; k < K4; k += 4) {
      for (let h = 0; h < 2; h++) {
        const ps = src + <usize>(j + 4 * h) * rs + (<usize>k << 2);
        const r0 = v128.load(ps);
        const r1 = v128.load(ps + rs);
        const r2 = v128.load(ps + 2 * rs);
        const r3 = v128.load(ps + 3 * rs);
        const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        const q = pd + (<usize>k << 5) + (<usize>h << 4);
        v128.store(q, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(q + 32, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
        v128.store(q + 64, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
        v128.store(q + 96, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
      }
    }
    for (let k = K4; k < K; k++)
      for (let r = 0; r < 8; r++)
        store<f32>(pd + (<usize>(k * 8 + r) << 2), load<f32>(src + (<usize>((j + r) * K + k) << 2)));
  }
}

/** dst [C × R] = src [R × C]ᵀ; 4 × 4 blocks by SIMD shuffles when both sides are multiples of 4. */
function transpose(dst: usize, src: usize, R: i32, C: i32): void {
  if (R == 1 || C == 1) {
    memory.copy(dst, src, <usize>(R * C) << 2); // a vector: the same layout either way
    return;
  }
  if ((R & 3) == 0 && (C & 3) == 0) {
    const rs = <usize>C << 2;
    const ds = <usize>R << 2;
    for (let r = 0; r < R; r += 4) {
      for (let c = 0; c < C; c += 4) {
        const ps = src + <usize>r * rs + (<usize>c << 2);
        const r0 = v128.load(ps);
        const r1 = v128.load(ps + rs);
        const r2 = v128.load(ps + 2 * rs);
        const r3 = v128.load(ps + 3 * rs);
        const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        const pd = dst + <usize>c * ds + (<usize>r << 2);
        v128.store(pd, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(pd + ds, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
        v128.store(pd + 2 * ds, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
        v128.store(pd + 3 * ds, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
      }
    }
    return;
  }
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      store<f32>(dst + (<usize>(c * R + r) << 2), load<f32>(src + (<usize>(r * C + c) << 2)));
    }
  }
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
    if ((N & 7) == 0) packPanels(out + wOff(l), p + wOff(l), K, N, transposed);
    else if (transposed) transpose(out + wOff(l), p + wOff(l), N, K);
    else memory.copy(out + wOff(l), p + wOff(l), <usize>(K * N) << 2);
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

/** out [d] = column sums of g [n × d]. */
function columnSums(out: usize, g: usize, n: i32, d: i32): void {
  memory.fill(out, 0, <usize>d << 2);
  columnSumsAdd(out, g, n, d, 1);
}

/** out [d] += s · column sums of g [n × d] (row by row, 4 columns per SIMD lane group). */
function columnSumsAdd(out: usize, g: usize, n: i32, d: i32, s: f32): void {
  const d4 = d & ~3;
  const vs = f32x4.splat(s);
  for (let c = 0; c < d4; c += 4) {
    let t = f32x4.splat(0);
    for (let r = 0; r < n; r++) t = f32x4.add(t, v128.load(g + (<usize>(r * d + c) << 2)));
    const po = out + (<usize>c << 2);
    v128.store(po, madd(vs, t, v128.load(po)));
  }
  for (let c = d4; c < d; c++) {
    let t: f32 = 0;
    for (let r = 0; r < n; r++) t += load<f32>(g + (<usize>(r * d + c) << 2));
    const po = out + (<usize>c << 2);
    store<f32>(po, load<f32>(po) + s * t);
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
function backward(theta: usize, thetaT: usize, n: i32, A: i32, G: i32, grad: usize): void {
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
  void theta;
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
function hessianVector(theta: usize, v: usize, n: i32, nq: i32, scale: f32, s: f32): void {
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
  backward(theta, wt, ns, A_SUP, G_SUP, dTheta);
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
    if (secondOrder) hessianVector(theta, gq, ns, nq, scale, -alpha * inv);
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
