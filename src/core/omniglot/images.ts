import { imageBytes, type OmniglotData } from './format';
import { IMAGE_PIXELS, IMAGE_SIZE } from './preprocess';

/** Quarter turns counter-clockwise: 0, 90, 180, 270 degrees. */
export type Rotation = 0 | 1 | 2 | 3;
export const ROTATIONS: readonly Rotation[] = [0, 1, 2, 3];

/**
 * `src` (n × n, row-major) turned `k` quarter turns counter-clockwise, as numpy.rot90(a, k):
 * one turn maps out[i][j] = src[j][n − 1 − i], so the top-right corner goes to the top-left.
 */
export function rotate<T extends Uint8Array | Float32Array>(
  src: T,
  k: Rotation,
  n = IMAGE_SIZE,
): T {
  const out = new (src.constructor as new (len: number) => T)(src.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let r = i;
      let c = j;
      // Invert k counter-clockwise turns: each turn's source of (r, c) is (c, n − 1 − r).
      for (let t = 0; t < k; t++) [r, c] = [c, n - 1 - r];
      out[i * n + j] = src[r * n + c]!;
    }
  return out;
}

/** Image `i` turned `rotation` quarter turns, as bytes (0 paper … 255 stroke). */
export const imageAt = (d: OmniglotData, i: number, rotation: Rotation = 0): Uint8Array =>
  rotation === 0 ? imageBytes(d, i).slice() : rotate(imageBytes(d, i), rotation);

/** Images as one float batch (count × 784, values byte/255 in [0, 1]), e.g. a task's inputs. */
export function imagesAsFloat(
  d: OmniglotData,
  images: readonly { image: number; rotation: Rotation }[],
): Float32Array {
  const out = new Float32Array(images.length * IMAGE_PIXELS);
  images.forEach((im, n) => {
    const bytes = imageAt(d, im.image, im.rotation);
    for (let p = 0; p < IMAGE_PIXELS; p++) out[n * IMAGE_PIXELS + p] = bytes[p]! / 255;
  });
  return out;
}
