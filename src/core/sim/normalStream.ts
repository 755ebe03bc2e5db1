import { createRng } from '../rng';

/**
 * Fast standard normals for the simulation's bulk draws (millions per second of page time).
 * Box–Muller costs a log, a sqrt and a sin/cos per pair; the ziggurat (Marsaglia & Tsang 2000,
 * 128 layers) needs one 32-bit word and a table lookup ~99 % of the time. The words come from an
 * inlined sfc32 whose state is seeded from createRng(seed, stream), so draws stay reproducible
 * from the link's seed. Per word: 7 bits pick the layer, 1 bit the sign, 24 bits the abscissa.
 */
const LAYERS = 128;
const R = 3.442619855899; // start of the tail for 128 layers
const V = 9.91256303526217e-3; // area of each layer
const SCALE = 16777216; // 2^24

const kTable = new Uint32Array(LAYERS);
const wTable = new Float64Array(LAYERS);
const fTable = new Float64Array(LAYERS);
(function buildTables() {
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kTable[0] = Math.floor((dn / q) * SCALE);
  kTable[1] = 0;
  wTable[0] = q / SCALE;
  wTable[LAYERS - 1] = dn / SCALE;
  fTable[0] = 1;
  fTable[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kTable[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    fTable[i] = Math.exp(-0.5 * dn * dn);
    wTable[i] = dn / SCALE;
  }
})();

/** The ziggurat tables (layer bounds k in units of 2^-24, widths w, densities f), for GPU kernels. */
export function zigguratTables(): { k: Uint32Array; w: Float64Array; f: Float64Array } {
  return { k: kTable.slice(), w: wTable.slice(), f: fTable.slice() };
}

/** The start of the ziggurat's tail (128 layers). */
export const ZIGGURAT_TAIL = R;

/** Words of a fill() that missed the rectangles; shared, as a fill finishes them before returning. */
let missWords = new Uint32Array(1024);

export class NormalStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const rng = createRng(seed, stream);
    const word = () => Math.floor(rng.uniform() * 4294967296) | 0;
    this.a = word();
    this.b = word();
    this.c = word();
    this.d = word();
  }

  /** The generator state (four int32 words): lets a GPU kernel continue the same stream. */
  state(): [number, number, number, number] {
    return [this.a | 0, this.b | 0, this.c | 0, this.d | 0];
  }

  /** Next 32-bit word of sfc32 (as an unsigned number). */
  private word(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    return (this.word() + 0.5) / 4294967296;
  }

  /** One N(0, 1) draw. */
  normal(): number {
    for (;;) {
      const u = this.word();
      const i = u & 127;
      const j = u >>> 8;
      const neg = (u & 128) !== 0;
      if (j < kTable[i]) return neg ? -j * wTable[i] : j * wTable[i];
      const x = this.slowPath(i, j);
      if (x !== undefined) return neg ? -x : x;
    }
  }

  /** The tail (layer 0 beyond R) and the wedges between layers; undefined = reject and redraw. */
  private slowPath(i: number, j: number): number | undefined {
    if (i === 0) {
      let x: number;
      let y: number;
      do {
        x = -Math.log(this.uniform()) / R;
        y = -Math.log(this.uniform());
      } while (y + y < x * x);
      return R + x;
    }
    const x = j * wTable[i];
    if (fTable[i] + this.uniform() * (fTable[i - 1] - fTable[i]) < Math.exp(-0.5 * x * x)) return x;
    return undefined;
  }

  /**
   * Fills out[off, off + n) with N(0, scale²) draws (the hot loop of every simulation): one tight
   * loop of sfc32 + the ziggurat's rectangle test with the state in locals; the ~1 % of words that
   * fall outside the rectangles finish the ziggurat after the batch, in order.
   */
  fill(out: Float64Array, off = 0, n = out.length - off, scale = 1): Float64Array {
    if (missWords.length < n) missWords = new Uint32Array(Math.max(n, 2 * missWords.length));
    let { a, b, c, d } = this;
    let misses = 0;
    for (let k = off; k < off + n; k++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      const u = t >>> 0;
      const i = u & 127;
      const j = u >>> 8;
      if (j < kTable[i]) {
        const v = j * wTable[i] * scale;
        out[k] = (u & 128) !== 0 ? -v : v;
      } else {
        out[k] = NaN;
        missWords[misses++] = u;
      }
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // Words outside the rectangles go through the tail/wedge test (extra words drawn after the
    // batch); a rejection restarts the algorithm, i.e. a fresh normal().
    for (let k = off, m = 0; m < misses; k++)
      if (Number.isNaN(out[k])) {
        const u = missWords[m++];
        const x = this.slowPath(u & 127, u >>> 8);
        out[k] = scale * (x === undefined ? this.normal() : (u & 128) !== 0 ? -x : x);
      }
    return out;
  }

  /** Gamma(shape, 1) (Marsaglia & Tsang 2000; shape < 1 via Gamma(shape + 1)·U^(1/shape)). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** χ²(k) = 2·Gamma(k/2); 0 for k = 0. */
  chiSquare(k: number): number {
    return k > 0 ? 2 * this.gamma(k / 2) : 0;
  }
}
