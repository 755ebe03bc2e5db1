/** A Node worker_thread serving one shard (see shardPool.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShard } from './shardPool';

const port = parentPort!;
serveShard(
  (m) => port.postMessage(m),
  (h) => port.on('message', h),
);
