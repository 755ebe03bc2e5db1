/**
 * `npm run bench:omniglot`: time of one MAML meta-iteration of Conv4 on Omniglot-sized inputs on
 * the wasm Conv4 MAML kernel (kernels/mamlConv4.ts, what training runs on CPUs) and on the tfjs
 * engine (src/compute/omniglot/conv4.ts) per Node backend, its GFLOP/s against an explicit FLOP count,
 * and — when PyTorch is installed (/usr/bin/python3 -c 'import torch') — the same iteration in
 * PyTorch (scripts/pytorch/omniglot_maml.py) with as many threads, side by side.
 *
 * Iteration: Conv4-64, 5-way 1-shot, 5 queries per class, meta-batch 8, one inner step (α = 0.4),
 * exact second order, Adam step. Options: --filters N, --meta-batch N, --first-order, --iters N,
 * --backends wasm,cpu (tfjs-wasm in Node runs on one thread), --threads 1,2 (the kernel's and
 * PyTorch's thread counts; the kernel's numbers are the same on 1 or 2, see kernelGroups.ts).
 *
 * FLOP count (multiply-adds × 2 of the convolutions and the head only; batch norm, ReLU and the
 * softmax are left out): F(n) = forward FLOPs of n images; an exact second-order iteration costs
 * 3·F(query) (forward and backward at θ′) + 3·F(support) (the inner gradient) + 6·F(support) (the
 * backward through the inner gradient: a backward of a backward), i.e. 3·F(q) + 9·F(s); first
 * order 3·F(q) + 3·F(s).
 */
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
import { createRng } from '../src/core/rng';
import { Adam } from '../src/compute/nn/adam';
import { MamlConv4Kernel } from '../src/compute/kernels/mamlConv4Kernel';
import {
  firstGroupSize,
  GroupThread,
  groupedMetaGradient,
} from '../src/compute/omniglot/kernelGroups';
import { nodeShardPool } from '../src/compute/shards/nodeShardPool';
import '../src/compute/kernels/nodeRelaxedSimd';
import {
  CONV_BLOCKS,
  conv4FromArrays,
  conv4MetaGradients,
  convOut,
  initConv4Arrays,
} from '../src/compute/omniglot/conv4';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const filters = +arg('filters', '64');
const metaBatch = +arg('meta-batch', '8');
const iters = +arg('iters', '9');
const threadCounts = arg('threads', '1,2').split(',').map(Number);
const firstOrder = process.argv.includes('--first-order');
const backends = arg('backends', 'wasm,cpu').split(',') as ('wasm' | 'cpu')[];
const way = 5;
const queries = 5;

/** Forward FLOPs of one image. */
export function forwardFlops(f: number, n: number): number {
  let s = 28;
  let cin = 1;
  let total = 0;
  for (let l = 0; l < CONV_BLOCKS; l++) {
    s = convOut(s);
    total += 2 * s * s * 9 * cin * f;
    cin = f;
  }
  return total + 2 * s * s * f * n;
}

const support = way;
const query = way * queries;
const fImg = forwardFlops(filters, way);
const flops = metaBatch * fImg * (3 * query + (firstOrder ? 3 : 9) * support);

async function timeTfjs(backend: 'wasm' | 'cpu') {
  await useNodeBackend(backend);
  const shape = { filters, way, imageSize: 28 };
  let params: tf.Tensor[] = conv4FromArrays(initConv4Arrays(shape, createRng(1)), shape);
  const adam = new Adam(params, 1e-3);
  const onehot = (m: number) =>
    tf.tidy(() =>
      tf.cast(
        tf.oneHot(
          tf.tensor2d(
            Array.from({ length: metaBatch * m }, (_, i) => i % way),
            [metaBatch, m],
            'int32',
          ),
          way,
        ),
        'float32',
      ),
    ) as tf.Tensor3D;
  const data = {
    xs: tf.randomUniform([metaBatch, support, 28, 28, 1], 0, 1, 'float32', 1),
    ys: onehot(support),
    xq: tf.randomUniform([metaBatch, query, 28, 28, 1], 0, 1, 'float32', 2),
    yq: onehot(query),
  };
  // tfjs's plain-JS cpu backend is ~20× slower: one iteration, no warm-up
  const n = backend === 'cpu' ? 1 : iters;
  const first = backend === 'cpu' ? 1 : 0;
  const times: number[] = [];
  for (let i = first; i <= n; i++) {
    const t0 = performance.now();
    const out = tf.tidy(() => {
      const r = conv4MetaGradients(params, data, 0.4, { steps: 1, firstOrder });
      return [r.loss, ...r.grads];
    });
    await out[0].data();
    out[0].dispose();
    params = adam.step(params, out.slice(1));
    await params[0].data();
    if (i > 0) times.push((performance.now() - t0) / 1000); // the first one warms up
  }
  tf.dispose([params, data.xs, data.ys, data.xq, data.yq]);
  adam.dispose();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, runs: times.length };
}

/**
 * The same iteration as training runs it on the wasm Conv4 MAML kernel (kernelEngine.ts): the
 * meta-gradient of the meta-batch's two fixed groups of tasks (kernelGroups.ts) — with `threads`
 * = 2 the second group on a Node worker thread, started before the clock — and the Adam step, θ
 * resident in kernel memory, the episodes' images copied in.
 */
async function timeKernel(threads: number) {
  const shape = { filters, way, imageSize: 28 };
  const kernel = await MamlConv4Kernel.create(shape, support, query);
  kernel.setParams(initConv4Arrays(shape, createRng(1)));
  const rnd = (n: number) => Float32Array.from({ length: n }, () => Math.random());
  const group = (tasks: number) => {
    const ys = new Float32Array(tasks * support * way);
    const yq = new Float32Array(tasks * query * way);
    for (let i = 0; i < tasks * support; i++) ys[i * way + (i % way)] = 1;
    for (let i = 0; i < tasks * query; i++) yq[i * way + (i % way)] = 1;
    const xs = rnd(tasks * support * 784);
    return { tasks, support, query, xs, ys, xq: rnd(tasks * query * 784), yq };
  };
  const split = firstGroupSize(metaBatch);
  const a = group(split);
  const b = split < metaBatch ? group(metaBatch - split) : null;
  const job = { shape, maxSupport: support, maxQuery: query, build: kernel.build };
  const peer = threads > 1 ? new GroupThread(nodeShardPool(2), job) : undefined;
  if (peer && !(await peer.whenReady)) throw new Error('the group thread did not start');
  const times: number[] = [];
  for (let i = 0; i <= iters; i++) {
    const t0 = performance.now();
    await groupedMetaGradient(kernel, 0.4, a, b, !firstOrder, peer);
    kernel.adamStep(1e-3);
    if (i > 0) times.push((performance.now() - t0) / 1000);
  }
  peer?.stop();
  times.sort((x, y) => x - y);
  return {
    median: times[Math.floor(times.length / 2)]!,
    runs: times.length,
    engine: `${kernel.engineName}, ${threads} thread${threads > 1 ? 's' : ''}`,
  };
}

function timePytorch(threads: number): { median: number; threads: number } | string {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return 'PyTorch not installed (/usr/bin/python3 -c "import torch" failed): skipped';
  }
  const out = execFileSync(
    '/usr/bin/python3',
    [
      'scripts/pytorch/omniglot_maml.py',
      '--threads',
      String(threads),
      '--filters',
      String(filters),
      '--meta-batch',
      String(metaBatch),
      '--iters',
      String(iters + 1),
      ...(firstOrder ? ['--first-order'] : []),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { median: number; threads: number };
}

const perIteration = (name: string, s: number, runs: number) =>
  console.log(
    `${name.padEnd(52)} ${s.toFixed(3)} s/iteration (median of ${runs})  ` +
      `${(flops / s / 1e9).toFixed(2)} GFLOP/s`,
  );

async function main() {
  console.log(
    `Omniglot Conv4 MAML bench (Node ${process.version}, ${new Date().toISOString()}): ` +
      `Conv4-${filters}, ${way}-way 1-shot, ${queries} queries/class, meta-batch ${metaBatch}, ` +
      `${firstOrder ? 'first' : 'exact second'} order, 1 inner step`,
  );
  console.log(`FLOP count per iteration: ${(flops / 1e9).toFixed(3)} GFLOP (see the header)`);
  for (const b of backends) {
    const r = await timeTfjs(b);
    perIteration(`tfjs ${b}, 1 thread`, r.median, r.runs);
  }
  // The kernel and PyTorch at each thread count, one after the other, so the pairs share the
  // machine's state as closely as a bench can.
  for (const n of threadCounts) {
    const k = await timeKernel(n);
    perIteration(k.engine, k.median, k.runs);
    const pt = timePytorch(n);
    if (typeof pt === 'string') {
      console.log(pt);
      continue;
    }
    perIteration(
      `PyTorch (CPU), ${pt.threads} thread${pt.threads > 1 ? 's' : ''}`,
      pt.median,
      iters,
    );
    console.log(
      `  kernel / PyTorch on ${n} thread${n > 1 ? 's' : ''}: ${(k.median / pt.median).toFixed(2)}× (target ≤ 1)`,
    );
  }
}

main().then(
  () => process.exit(0), // the group threads' pools end with the process
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
