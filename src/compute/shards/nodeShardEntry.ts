/** A Node worker_thread serving one shard (see shardPool.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShard } from './shardPool';

const port = parentPort!;
serveShard(
  (m) => port.postMessage(m),
  (h) => port.on('message', h),
  async (request) => {
    if (request.kind !== 'fig5Models') return;
    const { useNodeBackend } = await import('../backend/node');
    await useNodeBackend((request.job as { backend: 'wasm' | 'cpu' }).backend);
  },
);
