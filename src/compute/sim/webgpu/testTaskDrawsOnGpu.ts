import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { TEST_STREAM } from '../../../core/sim/draws';
import type { SimParams } from '../../../core/sim/types';
import { NORMAL_STREAM_WGSL } from './normalStreamWgsl';
import { runStreamProgram } from './runStreamProgram';

/** Floats per test task in the output: w (p), X_r (n_r·p), z_r (n_r), χ²(n_s) (1). */
const taskLength = (s: { p: number; nr: number }) => s.p + s.nr * s.p + s.nr + 1;

/**
 * WGSL program: the paper-style estimator's isotropic test tasks of whole runs, generated on the
 * GPU — the same numbers as drawTestTasks (draws.ts) up to float32 rounding, one invocation per
 * run replaying the run's test stream: per task w = w0 + ν/√p ξ (fill), X_r (fill), z_r and the
 * n_s normals of χ²(n_s) (normal()).
 */
class TestTaskDrawProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'testTaskDraw';
  variableNames = ['Seeds', 'KTab', 'WTab', 'FTab'];
  uniforms =
    'runs : i32, p : i32, nr : i32, tasks : i32, points : i32, w0 : f32, wScale : f32, tail : f32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];

  constructor(runs: number, s: { p: number; nr: number; testTasks: number }) {
    this.outputShape = [runs, s.testTasks * taskLength(s)];
    this.dispatch = [Math.ceil(runs / this.workgroupSize[0]), 1, 1];
  }

  getUserCode(): string {
    return `
      ${NORMAL_STREAM_WGSL}
      fn main(index : i32) {
        if (index >= uniforms.runs) { return; }
        st = vec4<u32>(bitcast<u32>(Seeds[index * 4]), bitcast<u32>(Seeds[index * 4 + 1]),
                       bitcast<u32>(Seeds[index * 4 + 2]), bitcast<u32>(Seeds[index * 4 + 3]));
        let p = uniforms.p;
        let nr = uniforms.nr;
        let len = p + nr * p + nr + 1;
        for (var k = 0; k < uniforms.tasks; k++) {
          let w = (index * uniforms.tasks + k) * len;
          fill(w, p);
          for (var j = 0; j < p; j++) { result[w + j] = uniforms.w0 + uniforms.wScale * result[w + j]; }
          fill(w + p, nr * p);
          let z = w + p + nr * p;
          for (var i = 0; i < nr; i++) { result[z + i] = normal(); }
          var c = 0.0;
          for (var i = 0; i < uniforms.points; i++) { let x = normal(); c = c + x * x; }
          result[z + nr] = c;
        }
      }
    `;
  }
}

/** The test tasks of one run, for the batched paper-style estimator (tfjsPaperStyleEstimator.ts). */
export interface TestTaskTensors {
  /** [runs·T, n_r, p] */
  xr: tf.Tensor3D;
  /** [runs·T, p, 1] */
  w: tf.Tensor3D;
  /** [runs·T, n_r, 1] */
  zr: tf.Tensor3D;
  /** [runs·T, 1] */
  chi2: tf.Tensor2D;
}

/** Floats one run's test tasks take on the GPU (to size chunks under the buffer limits). */
export const testTaskFloatsPerRun = (s: Pick<SimParams, 'p' | 'nr' | 'testTasks'>) =>
  s.testTasks * taskLength(s);

/** The isotropic test tasks of runs [run0, run0 + runs), generated on the GPU (WebGPU backend). */
export function drawTestTasksOnGpu(pr: SimParams, run0: number, runs: number): TestTaskTensors {
  const { p, nr, testTasks: T } = pr;
  const raw = runStreamProgram(
    new TestTaskDrawProgram(runs, pr),
    { seed: pr.seed, base: TEST_STREAM, run0, runs },
    [
      { type: 'int32', data: [runs] },
      { type: 'int32', data: [p] },
      { type: 'int32', data: [nr] },
      { type: 'int32', data: [T] },
      { type: 'int32', data: [pr.testPoints] },
      { type: 'float32', data: [pr.w0] },
      { type: 'float32', data: [pr.nu / Math.sqrt(p)] },
    ],
  );
  return tf.tidy(() => {
    const tasks = tf.reshape(raw, [runs * T, taskLength(pr)]);
    const part = (start: number, len: number) => tf.slice(tasks, [0, start], [runs * T, len]);
    raw.dispose();
    return {
      w: tf.reshape(part(0, p), [runs * T, p, 1]) as tf.Tensor3D,
      xr: tf.reshape(part(p, nr * p), [runs * T, nr, p]) as tf.Tensor3D,
      zr: tf.reshape(part(p + nr * p, nr), [runs * T, nr, 1]) as tf.Tensor3D,
      chi2: part(p + nr * p + nr, 1) as tf.Tensor2D,
    };
  });
}
