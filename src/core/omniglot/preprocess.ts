/**
 * Omniglot preprocessing (used once, by scripts/pack-omniglot.ts; pure so tests can call it):
 * ink = 1 − pixel/255 (strokes 1, background 0), then a 105 → 28 box-filter resize of that float
 * image, then 8-bit quantization for the shipped file.
 */

/** Side of the source PNGs and of the shipped images. */
export const SOURCE_SIZE = 105;
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** Ink of an 8-bit grayscale image: 1 − pixel/255, so black strokes are 1 and paper is 0. */
export function inkFromGray(gray: ArrayLike<number>): Float64Array {
  const out = new Float64Array(gray.length);
  for (let i = 0; i < gray.length; i++) out[i] = 1 - gray[i]! / 255;
  return out;
}

/**
 * Box-filter weights from `from` samples to `to` samples, as integer overlaps (divide by `from`).
 *
 * Exact definition (105/28 = 3.75 is not an integer, so a source pixel may straddle two outputs):
 * on a line of length `from`, source pixel k covers [k, k+1) and output pixel i covers
 * [i·s, (i+1)·s) with s = from/to. The weight of k in i is the length of the intersection divided
 * by s: |[k, k+1) ∩ [i·s, (i+1)·s)| / s, so each output's weights sum to 1 (area averaging). Scaled
 * by `to` every end point is an integer — k·to and i·from — so the overlaps are exact integers:
 * o[i][k] = max(0, min((k+1)·to, (i+1)·from) − max(k·to, i·from)), and weight = o[i][k]/(to·s) =
 * o[i][k]/from. In 2-D the filter is separable: out[i][j] = Σ_k Σ_l o[i][k]·o[j][l]·x[k][l] / from².
 */
export function boxWeights(from: number, to: number): { start: number; overlaps: number[] }[] {
  const rows: { start: number; overlaps: number[] }[] = [];
  for (let i = 0; i < to; i++) {
    const lo = i * from;
    const hi = (i + 1) * from;
    const start = Math.floor(lo / to);
    const overlaps: number[] = [];
    for (let k = start; k * to < hi; k++)
      overlaps.push(Math.min((k + 1) * to, hi) - Math.max(k * to, lo));
    rows.push({ start, overlaps });
  }
  return rows;
}

/** Box-filter resize of a square float image (row-major, side `from`) to side `to` (see boxWeights). */
export function boxResize(src: ArrayLike<number>, from: number, to: number): Float64Array {
  if (src.length !== from * from)
    throw new Error(`expected ${from}×${from} pixels, got ${src.length}`);
  const w = boxWeights(from, to);
  // Rows first: tmp[k][j] = Σ_l o[j][l]·x[k][l], then columns; one division by from² at the end.
  const tmp = new Float64Array(from * to);
  for (let k = 0; k < from; k++)
    for (let j = 0; j < to; j++) {
      const { start, overlaps } = w[j]!;
      let s = 0;
      for (let t = 0; t < overlaps.length; t++) s += overlaps[t]! * src[k * from + start + t]!;
      tmp[k * to + j] = s;
    }
  const out = new Float64Array(to * to);
  const norm = from * from;
  for (let i = 0; i < to; i++) {
    const { start, overlaps } = w[i]!;
    for (let j = 0; j < to; j++) {
      let s = 0;
      for (let t = 0; t < overlaps.length; t++) s += overlaps[t]! * tmp[(start + t) * to + j]!;
      out[i * to + j] = s / norm;
    }
  }
  return out;
}

/** Stored byte of a value in [0, 1]: round(255·v). Decoded as byte/255 (error ≤ 1/510). */
export function quantize(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
  return out;
}

/** The whole pipeline for one source image: 8-bit gray 105 × 105 → stored 28 × 28 bytes. */
export function preprocessGray(gray: ArrayLike<number>): Uint8Array {
  return quantize(boxResize(inkFromGray(gray), SOURCE_SIZE, IMAGE_SIZE));
}
