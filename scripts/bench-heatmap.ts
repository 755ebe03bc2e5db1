/**
 * `npm run bench:heatmap [-- --backend wasm|cpu --tasks 4 --iters 500 --cells 20]`
 * Times the sinusoid α × β grid (paper Fig. 4a: 20 × 20 cells = 400 MLPs 1-40-40-1, 500 iterations,
 * exact second-order MAML) trained as one batched computation, in Node on the wasm backend.
 * The WebGPU path needs a browser with a GPU: time it in the page (no GPU on the build machine).
 */
import * as tf from '@tensorflow/tfjs-core';
import { directContext } from '../src/core/jobs/context';
import { useNodeBackend } from '../src/compute/backend/node';
import { sinusoidGridRunner } from '../src/compute/stability/sinusoidGrid';
import { gridAxis } from '../src/core/stability/grid';
import { STABILITY_PRESETS } from '../src/core/stability/presets';
import { parseLink } from '../src/core/params';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const backend = arg('backend', 'wasm');
const preset = parseLink(STABILITY_PRESETS.find((p) => p.id === 'fig4a')!.query).params;
const tasks = Number(arg('tasks', String(preset.stTasks)));
const iterations = Number(arg('iters', String(preset.stIters)));
const cells = Number(arg('cells', String(preset.stAlphaCells)));

await useNodeBackend(backend === 'cpu' ? 'cpu' : 'wasm');
await tf.ready();

const job = {
  alpha: gridAxis(preset.stAlpha, cells, preset.stAlphaAxis),
  beta: gridAxis(preset.stBeta, cells, preset.stBetaAxis),
  iterations,
  tasks,
  variant: preset.stOrder,
  half: preset.stHalf,
  seed: preset.stSeed,
  reportEvery: 10,
  sizes: [1, preset.stWidth, preset.stWidth, 1],
  points: preset.stShots,
  evalTasks: preset.stEvalTasks,
  evalPoints: preset.stEvalPoints,
};
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let lastLog = t0;
const result = await sinusoidGridRunner(
  job,
  directContext((p) => {
    const now = performance.now();
    if (now - lastLog > 5000) {
      lastLog = now;
      process.stderr.write(
        `  iteration ${p.iteration}/${p.iterations}, ${((now - t0) / 1000).toFixed(1)} s\n`,
      );
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
// CPU time is what the run costs on an idle machine (wasm runs on one thread); wall time also
// counts other processes sharing the cores.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const diverged = result.diverged.flat().filter(Boolean).length;
console.log(
  JSON.stringify({
    bench: 'sinusoid heatmap',
    backend,
    grid: `${cells} x ${cells}`,
    models: cells * cells,
    iterations,
    tasksPerMetaBatch: tasks,
    variant: job.variant,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    loadAverage: (await import('node:os')).loadavg()[0],
    msPerIteration: Number(((seconds * 1000) / iterations).toFixed(1)),
    divergedCells: diverged,
  }),
);
