/** A Node worker_thread serving one shard (see shardPool.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShard, type Fig5ShardJob } from './shardPool';
import '../kernels/nodeRelaxedSimd';

const port = parentPort!;
serveShard(
  (m) => port.postMessage(m),
  (h) => port.on('message', h),
  async (request) => {
    if (request.kind !== 'fig5Models') return;
    const { backend } = request.job as Fig5ShardJob;
    if (backend === 'kernel') return; // the wasm MAML kernel needs no tfjs
    const { useNodeBackend } = await import('../backend/node');
    await useNodeBackend(backend);
  },
);
