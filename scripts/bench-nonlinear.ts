/**
 * `npm run bench:nonlinear`: time of the Fig. 5 sweep (src/compute/nonlinear/fig5Sweep.ts, all αt
 * values × runs as one batched MLP stack) per Node backend (cpu = tfjs plain JS, wasm = tfjs SIMD).
 *   tiny   width 16, 50 epochs, 5 αt × 4 runs, 50 test tasks      (cpu and wasm)
 *   quick  the page's default (width 40, 300 epochs, 9 αt × 8 runs, 200 test tasks)   (wasm)
 *   --paper  (or --paper-only) also times 2 epochs of the paper's Fig. 5 (width 400, 13 αt × 10 runs) on wasm and
 *            extrapolates to 5000 epochs (the full run takes hours without a GPU).
 * GPU speed (webgpu/webgl) can only be measured in a browser on a machine with a GPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerTfjsGradientsInNode } from '../src/compute/nn/gradientsNode';
import { useNodeBackend } from '../src/compute/backend/node';
import { directContext } from '../src/core/jobs/context';
import { runFig5Sweep } from '../src/compute/fig5/fig5Sweep';
import { describeFig5 } from '../src/compute/reports/nonlinearReport';
import { fig5SettingFromParams } from '../src/core/nonlinear/nonlinearSettings';
import { FIG5_PAPER, linspace, type Fig5Setting } from '../src/core/fig5/quadraticRegression';
import { defaultParams } from '../src/core/params';

const useBackend = useNodeBackend;

const tiny: Fig5Setting = {
  ...fig5SettingFromParams(defaultParams()),
  width: 16,
  epochs: 50,
  alphas: linspace(-0.2, 0.2, 5),
  runs: 4,
  testTasks: 50,
};
const quick = fig5SettingFromParams(defaultParams());

async function time(label: string, backend: 'cpu' | 'wasm', setting: Fig5Setting) {
  await useBackend(backend);
  const before = tf.memory().numTensors;
  const r = await runFig5Sweep({ setting }, directContext());
  const models = setting.alphas.length * setting.runs;
  console.log(
    `${backend.padEnd(5)} ${label.padEnd(6)} width ${setting.width}, ${setting.epochs} epochs, ` +
      `${setting.alphas.length} αt × ${setting.runs} runs = ${models} models, ` +
      `${setting.testTasks} test tasks: ${r.seconds.toFixed(2)} s` +
      ` (tensors leaked: ${tf.memory().numTensors - before})`,
  );
  return r;
}

async function main() {
  registerTfjsGradientsInNode();
  console.log(`Fig. 5 sweep bench (Node ${process.version}, ${new Date().toISOString()})`);
  const paperOnly = process.argv.includes('--paper-only');
  if (!paperOnly) {
    for (const b of ['cpu', 'wasm'] as const) await time('tiny', b, tiny);
    const r = await time('quick', 'wasm', quick);
    console.log(`      quick result: ${describeFig5(r).statement}`);
  }
  if (paperOnly || process.argv.includes('--paper')) {
    const paper = { ...FIG5_PAPER, epochs: 2, testTasks: 10 };
    const p = await time('paper', 'wasm', paper);
    console.log(
      `      paper preset: ~${(((p.seconds / 2) * 5000) / 3600).toFixed(1)} h for 5000 epochs on wasm (extrapolated from 2 epochs)`,
    );
  }
}

void main();
