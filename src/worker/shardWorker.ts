/// <reference lib="webworker" />
/**
 * A Web Worker serving one shard of a job (see src/compute/shards/shardPool.ts). The sinusoid
 * grid's shards and Fig. 5's on the kernel need no tfjs; a tfjs Fig. 5 shard loads tfjs, its gradients and its backend here first.
 */
import { serveShard, type Fig5ShardJob } from '../compute/shards/shardPool';

serveShard(
  (m) => self.postMessage(m),
  (h) => self.addEventListener('message', (e) => h(e.data)),
  async (request) => {
    if (request.kind !== 'fig5Models') return;
    const { backend } = request.job as Fig5ShardJob;
    if (backend === 'kernel') return; // the wasm MAML kernel needs no tfjs
    // One after another: tfjs-core registers its flags before any backend or gradient module runs.
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    await import('../compute/nn/gradientsBrowser');
    const { workerBackendLoaders } = await import('./tfjsLoaders');
    if (backend === 'wasm') await workerBackendLoaders.wasm!();
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} unavailable`);
  },
);
