import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { NORMAL_STREAM_WGSL } from './normalStreamWgsl';

/**
 * WGSL program: the meta-training draws of whole runs generated on the GPU, the same numbers as
 * drawMetaTraining (draws.ts, isotropic case) up to float32 rounding, so nothing is uploaded. One
 * invocation per run replays the run's host sequence exactly: sfc32 from the run's seeded state, the
 * 128-layer ziggurat with its two-pass fill() (misses finish after the batch, from the continuing
 * stream) and scalar normal() for labels. Per run and task the output holds
 * w (p), X_t (n_t·p), y_t (n_t), X_v (n_v·p), y_v (n_v); w = w0 + ν/√p ξ, y = x·w + σ z.
 * Inputs: Seeds [runs·4] (int32 state words), KTab [128] (int32), WTab, FTab [128] (float32).
 */
export class MetaTrainingDrawProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'metaTrainingDraw';
  variableNames = ['Seeds', 'KTab', 'WTab', 'FTab'];
  uniforms =
    'runs : i32, p : i32, m : i32, nt : i32, nv : i32, w0 : f32, wScale : f32, sigma : f32, tail : f32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];

  constructor(runs: number, s: { p: number; m: number; nt: number; nv: number }) {
    this.outputShape = [runs, s.m * taskLength(s)];
    this.dispatch = [Math.ceil(runs / this.workgroupSize[0]), 1, 1];
  }

  getUserCode(): string {
    return `
${NORMAL_STREAM_WGSL}
      fn labels(x : i32, w : i32, n : i32, y : i32) {
        for (var r = 0; r < n; r++) {
          var s = 0.0;
          for (var j = 0; j < uniforms.p; j++) { s = s + result[x + r * uniforms.p + j] * result[w + j]; }
          result[y + r] = s + uniforms.sigma * normal();
        }
      }
      fn main(index : i32) {
        if (index >= uniforms.runs) { return; }
        st = vec4<u32>(bitcast<u32>(Seeds[index * 4]), bitcast<u32>(Seeds[index * 4 + 1]),
                       bitcast<u32>(Seeds[index * 4 + 2]), bitcast<u32>(Seeds[index * 4 + 3]));
        let p = uniforms.p;
        let nt = uniforms.nt;
        let nv = uniforms.nv;
        let len = p + nt * p + nt + nv * p + nv;
        for (var t = 0; t < uniforms.m; t++) {
          let w = (index * uniforms.m + t) * len;
          fill(w, p);
          for (var j = 0; j < p; j++) { result[w + j] = uniforms.w0 + uniforms.wScale * result[w + j]; }
          let xt = w + p;
          fill(xt, nt * p);
          labels(xt, w, nt, xt + nt * p);
          let xv = xt + nt * p + nt;
          fill(xv, nv * p);
          labels(xv, w, nv, xv + nv * p);
        }
      }
    `;
  }
}

/** Floats per task in the output: w, X_t, y_t, X_v, y_v. */
export const taskLength = (s: { p: number; nt: number; nv: number }) =>
  s.p + s.nt * s.p + s.nt + s.nv * s.p + s.nv;
