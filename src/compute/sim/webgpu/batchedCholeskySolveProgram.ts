import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/**
 * WGSL program: many small SPD solves at once, the step tfjs has no batched op for. One invocation
 * solves the outer system of one (run, αt) pair (theory.md §1, outer loop solved exactly):
 *   A(α) = A0 − α A1 + α² A2,  b(α) = b0 − α b1 + α² b2,  A(α) x = b(α)
 * by Cholesky, forward and back substitution. Inputs: Asys [runs, 3, n, n] (A0, A1, A2), Bsys
 * [runs, 3, n] (b0, b1, b2), Alphas [nAlpha]. Output row (run·nAlpha + j) holds the factor L (n·n,
 * used as the invocation's scratch space), then x (n), then an ill-conditioning flag (1 when a pivot
 * falls below pivotTol times the largest diagonal entry).
 */
export class BatchedCholeskySolveProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'batchedCholeskySolve';
  variableNames = ['Asys', 'Bsys', 'Alphas'];
  uniforms = 'systems : i32, dim : i32, nAlpha : i32, pivotTol : f32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];

  constructor(runs: number, nAlpha: number, dim: number) {
    this.outputShape = [runs * nAlpha, solveRowLength(dim)];
    this.dispatch = [Math.ceil((runs * nAlpha) / this.workgroupSize[0]), 1, 1];
  }

  getUserCode(): string {
    return `
      fn aAt(base : i32, nn : i32, k : i32, al : f32) -> f32 {
        return Asys[base + k] - al * Asys[base + nn + k] + al * al * Asys[base + 2 * nn + k];
      }
      fn bAt(base : i32, n : i32, k : i32, al : f32) -> f32 {
        return Bsys[base + k] - al * Bsys[base + n + k] + al * al * Bsys[base + 2 * n + k];
      }
      fn main(index : i32) {
        if (index >= uniforms.systems) { return; }
        let n = uniforms.dim;
        let nn = n * n;
        let run = index / uniforms.nAlpha;
        let al = Alphas[index % uniforms.nAlpha];
        let aBase = run * 3 * nn;
        let bBase = run * 3 * n;
        let o = index * (nn + n + 1);
        var maxDiag = 0.0;
        for (var i = 0; i < n; i++) { maxDiag = max(maxDiag, abs(aAt(aBase, nn, i * n + i, al))); }
        var ill = select(0.0, 1.0, !(maxDiag > 0.0));
        for (var c = 0; c < n; c++) {
          var d = aAt(aBase, nn, c * n + c, al);
          for (var k = 0; k < c; k++) { let l = result[o + c * n + k]; d = d - l * l; }
          if (!(d > uniforms.pivotTol * maxDiag)) { ill = 1.0; d = max(d, 1e-30); }
          let lcc = sqrt(d);
          result[o + c * n + c] = lcc;
          for (var r = c + 1; r < n; r++) {
            var s = aAt(aBase, nn, r * n + c, al);
            for (var k = 0; k < c; k++) { s = s - result[o + r * n + k] * result[o + c * n + k]; }
            result[o + r * n + c] = s / lcc;
          }
        }
        let xo = o + nn;
        for (var i = 0; i < n; i++) {
          var s = bAt(bBase, n, i, al);
          for (var k = 0; k < i; k++) { s = s - result[o + i * n + k] * result[xo + k]; }
          result[xo + i] = s / result[o + i * n + i];
        }
        for (var i = n - 1; i >= 0; i--) {
          var s = result[xo + i];
          for (var k = i + 1; k < n; k++) { s = s - result[o + k * n + i] * result[xo + k]; }
          result[xo + i] = s / result[o + i * n + i];
        }
        result[xo + n] = ill;
      }
    `;
  }
}

/** Length of one output row: L (n·n), x (n), ill flag. */
export const solveRowLength = (dim: number) => dim * dim + dim + 1;

/** Relative pivot threshold in float32 (≈ condition number 1e5 at the limit). */
export const F32_PIVOT_TOL = 1e-5;
