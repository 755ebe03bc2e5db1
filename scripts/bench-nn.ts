/**
 * `npm run bench:nn` — the network workloads of issue 12, one function per workload, each printing
 * its time, its GFLOP/s against an explicit FLOP count and, when PyTorch is installed
 * (`/usr/bin/python3 -c 'import torch'`; optional), the same workload timed by a comparator script
 * (scripts/pytorch/*.py) on as many CPU threads, and the ratio.
 *
 *   npm run bench:nn                        every workload
 *   npm run bench:nn -- --only fig5         one workload (fig4a | fig5 | fig5-step | fig5-quick)
 *   npm run bench:nn -- --only fig4a --cells 10   Fig. 4a on a coarser grid (bench-heatmap.ts)
 *   npm run bench:nn -- --epochs 250 --runs 2 --shards 2   size of the Fig. 5 paper slice
 *
 * Fig. 5 (Bernacchia 2021 §5.4, 60-400-400-1, exact second-order MAML): a full paper run (13 αt ×
 * 10 runs × 5000 epochs, 1000 test tasks) takes about an hour, so the bench times a SLICE — one αt,
 * `runs` networks, 5000/k epochs and 1000/k test tasks, on `shards` worker threads — and
 * EXTRAPOLATES linearly to the full run (printed as such). Timings on a shared machine are noisy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
import { directContext } from '../src/core/jobs/context';
import { runFig5SweepSharded } from '../src/compute/fig5/nodeShards';
import { runFig5SweepOn } from '../src/compute/fig5/fig5Sharded';
import { inThreadPool } from '../src/compute/shards/shardPool';
import { MamlMlpKernel, type KernelBuild } from '../src/compute/kernels/mamlMlpKernel';
import { mlp2GradientFlops, mlp2MetaGradients, mlp2Tasks } from '../src/compute/fig5/mlp2Maml';
import { FIG5_PAPER, FIG5_QUICK } from '../src/core/fig5/quadraticRegression';
import { describeFig5 } from '../src/core/fig5/describeFig5';
import { benchSinusoidGrid } from './bench-heatmap';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1] : null;
})();

const torchAvailable = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a comparator script; its last stdout line is JSON. */
function pytorch(script: string, args: string[]): Record<string, number> | null {
  if (!torchAvailable) return null;
  const r = spawnSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  PyTorch comparator failed: ${r.stderr.trim().split('\n').at(-1)}`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const gflops = (flop: number, s: number) => (flop / s / 1e9).toFixed(1);
const fig5 = FIG5_PAPER;
/** FLOPs of one training epoch of one Fig. 5 network (one exact meta-gradient). */
const epochFlops = (width: number) => mlp2GradientFlops(fig5.p, width, fig5.m, fig5.nt, fig5.nv);

const stepLine = (engine: string, s: number) => {
  const h = fig5.width;
  console.log(
    `fig5 step   one exact meta-gradient + SGD step, 60-${h}-${h}-1, 3 tasks × (30 + 2) points, ` +
      `1 thread, ${engine}: ${(s * 1000).toFixed(2)} ms, ` +
      `${(epochFlops(h) / 1e6).toFixed(1)} MFLOP → ${gflops(epochFlops(h), s)} GFLOP/s`,
  );
};

/** Seconds per call of `step` (after a warm-up). */
function timeIt(step: () => void, reps = 100): number {
  for (let i = 0; i < 10; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) step();
  return (performance.now() - t0) / 1000 / reps;
}

/**
 * One exact meta-gradient of the paper's network on one thread, per engine: the wasm MAML kernel
 * (both builds; the sweeps use relaxed SIMD where the engine has it) and the tfjs engine (GPUs).
 * GFLOP/s are against one count for all, mlp2GradientFlops (the fewest products exact second
 * order needs), which is what the kernel executes (implicit inner step, thin products).
 */
async function fig5Step() {
  const h = fig5.width;
  const [p, T, n, q] = [fig5.p, fig5.m, fig5.nt, fig5.nv];
  const rnd = (k: number) => Float32Array.from({ length: k }, () => Math.random() - 0.5);
  const x = [rnd(T * n * p), rnd(T * n), rnd(T * q * p), rnd(T * q)];
  const shapes = [
    [p, h],
    [1, h],
    [h, h],
    [1, h],
    [h, 1],
    [1, 1],
  ];
  const init = shapes.map(([a, b]) => rnd(a * b).map((v) => v * 0.1));
  let kernelSeconds = NaN;
  for (const build of ['relaxed-simd', 'simd'] as KernelBuild[]) {
    const k = await MamlMlpKernel.create([p, h, h, 1], n, build).catch(() => null);
    if (!k) continue;
    const b = k.upload({
      tasks: T,
      support: n,
      query: q,
      inDim: p,
      outDim: 1,
      xs: x[0],
      ys: x[1],
      xq: x[2],
      yq: x[3],
    });
    const theta = k.alloc(k.paramCount);
    k.view(theta, k.paramCount).set(Float32Array.from(init.flatMap((a) => [...a])));
    const o = { secondOrder: true, half: true, limit: Infinity };
    const s = timeIt(() => void k.sgdStep(theta, -0.0075, 1e-3, b, o));
    stepLine(`wasm MAML kernel (${build})`, s);
    if (Number.isNaN(kernelSeconds)) kernelSeconds = s;
  }
  const d = mlp2Tasks(T, p, x[0], x[1], x[2], x[3]);
  let params = init.map((v, i) => tf.tensor2d(v, shapes[i] as [number, number]));
  const s = timeIt(() => {
    const { loss, grads } = mlp2MetaGradients(params, d, -0.0075);
    const next = tf.tidy(() =>
      params.map((w, i) => tf.sub(w, tf.mul(grads[i], 1e-3)) as tf.Tensor2D),
    );
    tf.dispose([params, grads, loss]);
    params = next;
  });
  stepLine(`tfjs engine (${tf.getBackend()})`, s);
  tf.dispose(params);
  const torch = pytorch('scripts/pytorch/fig5.py', [
    ...['--width', String(h), '--epochs', '200', '--models', '1', '--threads', '1'],
    ...['--test-tasks', '1'],
  ]);
  if (torch)
    console.log(
      `  PyTorch   ${torch.torch}, 1 thread, the same step: ~${((torch.train_seconds / 200) * 1000).toFixed(2)} ms ` +
        `(200 epochs of one network); kernel / PyTorch = ` +
        `${(kernelSeconds / (torch.train_seconds / 200)).toFixed(2)}`,
    );
  return kernelSeconds;
}

/** A slice of the paper's Fig. 5, timed in the CLI's engine (worker threads) and extrapolated. */
async function fig5PaperSlice() {
  const k = arg('k', 20);
  const runs = arg('runs', 2);
  const shards = arg('shards', Math.min(runs, availableParallelism()));
  const epochs = Math.round(fig5.epochs / k);
  const testTasks = Math.round(fig5.testTasks / k);
  const setting = { ...fig5, alphas: [-0.0075], runs, epochs, testTasks };
  // Thread start-up (TypeScript loader, tfjs-wasm) is paid once per run, not per network.
  const start = await runFig5SweepSharded(
    { setting: { ...setting, epochs: 1, testTasks: 1 } },
    directContext(),
    { shards },
  );
  const r = await runFig5SweepSharded({ setting }, directContext(), { shards });
  const models = runs;
  const full = fig5.alphas.length * fig5.runs;
  const flop = models * epochs * epochFlops(fig5.width);
  const work = r.seconds - start.seconds;
  const extrapolated = start.seconds + (work * k * full) / models;
  console.log(
    `fig5 slice  paper setting, 1 αt × ${runs} networks × ${epochs} epochs + ${testTasks} test tasks, ` +
      `${shards} worker threads: ${r.seconds.toFixed(1)} s (${gflops(flop, r.seconds)} GFLOP/s of training ` +
      `FLOPs, scoring and ${start.seconds.toFixed(1)} s of thread start-up included)`,
  );
  console.log(
    `            EXTRAPOLATED full paper run (13 αt × 10 runs × 5000 epochs, 1000 test tasks, ` +
      `${shards} threads): ~${(extrapolated / 60).toFixed(0)} min (= start-up + (slice − start-up) × ${k} × ${full}/${models})`,
  );
  const torch = pytorch('scripts/pytorch/fig5.py', [
    ...['--width', String(fig5.width), '--epochs', String(epochs), '--models', String(models)],
    ...['--threads', String(shards), '--test-tasks', String(testTasks)],
  ]);
  if (torch) {
    const tx = (torch.seconds * k * full) / models;
    console.log(
      `  PyTorch   ${torch.torch}, same slice, ${torch.threads} threads, one network after another: ` +
        `${torch.seconds.toFixed(1)} s (${gflops(flop, torch.seconds)} GFLOP/s against the same count); ` +
        `extrapolated ~${(tx / 60).toFixed(0)} min; ours / PyTorch = ${(r.seconds / torch.seconds).toFixed(2)} (start-up included)`,
    );
    if (shards > 1) {
      const one = pytorch('scripts/pytorch/fig5.py', [
        ...['--width', String(fig5.width), '--epochs', String(epochs), '--models', '1'],
        ...['--threads', '1', '--test-tasks', String(testTasks)],
      ]);
      if (one)
        console.log(
          `  PyTorch   1 thread, 1 network: ${one.seconds.toFixed(1)} s → ${shards} such processes ` +
            `(the best use of ${shards} cores) would take ~${((one.seconds * models) / shards).toFixed(1)} s ` +
            `for the slice; ours (without start-up) / that = ${(work / ((one.seconds * models) / shards)).toFixed(2)}`,
        );
    }
  } else console.log('  PyTorch   not installed (optional): no comparison');
  return r;
}

/** The page's quick default on the wasm MAML kernel in one thread (the page deals it to 2). */
async function fig5Quick() {
  const r = await runFig5SweepOn(inThreadPool(1), { setting: FIG5_QUICK }, directContext());
  const models = FIG5_QUICK.alphas.length * FIG5_QUICK.runs;
  const flop = models * FIG5_QUICK.epochs * epochFlops(FIG5_QUICK.width);
  console.log(
    `fig5 quick  the page's default (width ${FIG5_QUICK.width}, ${FIG5_QUICK.epochs} epochs, lr ` +
      `${FIG5_QUICK.outerLr}, ${FIG5_QUICK.alphas.length} αt × ${FIG5_QUICK.runs} runs, ` +
      `${FIG5_QUICK.testTasks} test tasks), 1 thread (${r.backend}): ${r.seconds.toFixed(1)} s ` +
      `(${gflops(flop, r.seconds)} GFLOP/s); flattened at epoch ${r.flattenedAt ?? 'never'}`,
  );
  console.log(`            ${describeFig5(r, FIG5_QUICK).statement}`);
  return r;
}

/** The two-learning-rates paper's Fig. 4a grid at its setting (scripts/bench-heatmap.ts). */
async function fig4a() {
  const r = await benchSinusoidGrid();
  console.log(`fig4a       ${JSON.stringify(r)}`);
  return r;
}

const WORKLOADS: Record<string, () => Promise<unknown>> = {
  fig4a,
  'fig5-step': fig5Step,
  fig5: fig5PaperSlice,
  'fig5-quick': fig5Quick,
};

async function main() {
  await useNodeBackend('wasm');
  console.log(
    `bench:nn (Node ${process.version}, ${availableParallelism()} cores, tfjs ${tf.version_core} ` +
      `${tf.getBackend()}, PyTorch ${torchAvailable ? 'available' : 'not installed'}, ${new Date().toISOString()})`,
  );
  for (const [name, run] of Object.entries(WORKLOADS))
    if (!only || name === only || name.startsWith(`${only}-`)) await run();
}

void main();
