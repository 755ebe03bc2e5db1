import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { diskReader } from '../../../src/compute/omniglot/nodeData';
import { loadOmniglot } from '../../../src/core/omniglot/load';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The shipped files, loaded once for all tests of a file. */
let data: ReturnType<typeof loadOmniglot> | null = null;
export const shipped = () => (data ??= loadOmniglot(diskReader()));

/**
 * Independent of src/core/omniglot/preprocess.ts: decode with pngjs, ink = 1 − R/255, then the
 * 105 → 28 area average by supersampling — each source pixel split into 28 × 28 equal cells (a
 * 2940 × 2940 grid), each output pixel the mean of its 105 × 105 block of cells.
 */
export function referenceImage(pngFile: string): Float64Array {
  const png = PNG.sync.read(readFileSync(join(FIXTURES, pngFile)));
  const S = png.width;
  const D = 28;
  const ink = (r: number, c: number) => 1 - png.data[4 * (r * S + c)]! / 255;
  const out = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) {
      let sum = 0;
      for (let u = i * S; u < (i + 1) * S; u++)
        for (let v = j * S; v < (j + 1) * S; v++) sum += ink(Math.floor(u / D), Math.floor(v / D));
      out[i * D + j] = sum / (S * S);
    }
  return out;
}

/** A finished section run as the page and the CLI hold it (for nonlinearReportOf). */
export const doneRun = <R>(result: R) => ({
  status: 'done' as const,
  partial: null,
  result,
  error: null,
  seconds: 1,
  backend: 'wasm',
});
