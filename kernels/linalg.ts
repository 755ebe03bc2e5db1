/**
 * Dense float32 linear algebra in WebAssembly SIMD shared by the kernels (mamlMlp.ts, mamlConv4.ts):
 * GEMM micro-kernels, weight packing, transposes, column sums. Row-major throughout; pointers are
 * byte offsets into the module's memory.
 */

/** Scratch of gemmNarrow: 3 × the longest product (K) it may see, set by the kernel's configure. */
let narrow: usize = 0;
export function setNarrowScratch(p: usize): void {
  narrow = p;
}

/** Scratch of gemmTN's packed operands and its size in floats, set by the kernel's configure. */
let tnScratch: usize = 0;
let tnFloats: i32 = 0;
export function setTnScratch(p: usize, floats: i32): void {
  tnScratch = p;
  tnFloats = floats;
}

/** The first byte past a module's static data (its host allocates from here); each kernel re-exports it. */
export function heapBase(): usize {
  return __heap_base;
}

@inline export function align16(p: usize): usize {
  return (p + 15) & ~(<usize>15);
}

/**
 * a·b + c on 4 lanes: one fused multiply-add in the relaxed-SIMD build (FMA hardware: twice the
 * products per cycle), a multiply then an add in the plain SIMD build. The two builds therefore
 * differ in rounding; each is deterministic, and the host reports which one ran.
 */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * C[M × N] (+)= op(A) · B with a(i, k) = A[i·sai + k·sak] (sai = K, sak = 1: A; sai = 1, sak = M:
 * Aᵀ) and B row-major [K × N]. See gemmB.
 */
@inline export function gemm(
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
@inline export function mulW(c: usize, a: usize, n: i32, K: i32, N: i32, w: usize, acc: bool): void {
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
export function gemmB(
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
  const ai2 = ai << 1;
  const ai3 = ai * <usize>3;
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

@inline export function hsum(v: v128): f32 {
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
export function packPanels(dst: usize, src: usize, K: i32, N: i32, transposed: bool): void {
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
export function transpose(dst: usize, src: usize, R: i32, C: i32): void {
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

/** out [d] = column sums of g [n × d]. */
export function columnSums(out: usize, g: usize, n: i32, d: i32): void {
  memory.fill(out, 0, <usize>d << 2);
  columnSumsAdd(out, g, n, d, 1);
}

/** out [d] += s · column sums of g [n × d] (row by row, 4 columns per SIMD lane group). */
export function columnSumsAdd(out: usize, g: usize, n: i32, d: i32, s: f32): void {
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

/**
 * dst = B [K × N] (src row-major, or srcᵀ when `transposed`: src is [N × K]) in the form mulW
 * multiplies by: panels of 8 columns when N is a multiple of 8, else row-major.
 */
export function packMatrix(dst: usize, src: usize, K: i32, N: i32, transposed: bool): void {
  if ((N & 7) == 0) packPanels(dst, src, K, N, transposed);
  else if (transposed) transpose(dst, src, N, K);
  else memory.copy(dst, src, <usize>(K * N) << 2);
}

/**
 * C [M × N] (+)= Aᵀ B for A [K × M] and B [K × N] row-major with K large (a weight gradient:
 * patchesᵀ · deltas, K = positions). B is packed in 8-column panels and A's columns 4 at a time
 * into [K × 4] slices, so both operands stream sequentially; read in place, each 4 × 8 block
 * would touch two strided cache lines per k (measured ~35 vs ~50 GFLOP/s on Conv4's shapes).
 * Falls back to gemmB for other shapes or when the scratch is too small.
 */
export function gemmTN(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, acc: bool): void {
  if ((N & 7) != 0 || (M & 3) != 0 || K * (N + 4) > tnFloats) {
    gemmB(c, a, 1, M, b, M, K, N, acc, 0);
    return;
  }
  const bp = tnScratch;
  packPanels(bp, b, K, N, false);
  const ap = tnScratch + (<usize>(K * N) << 2);
  for (let i = 0; i < M; i += 4) {
    for (let k = 0; k < K; k++) v128.store(ap + (<usize>k << 4), v128.load(a + (<usize>(k * M + i) << 2)));
    gemmB(c + (<usize>(i * N) << 2), ap, 1, 4, bp, 4, K, N, acc, K);
  }
}
