/// <reference lib="webworker" />
/**
 * The shard pool in the page: nested Web Workers (src/worker/shardWorker.ts) started by the compute
 * worker, one per core the browser reports (at most 8), so a grid uses every core and the compute
 * worker itself stays free to answer pings, pause and cancel.
 */
import { threadPool, type ShardMessage, type ShardPool } from '../compute/shards/shardPool';

export function browserShardPool(): ShardPool {
  const size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));
  return threadPool(size, 'Web Workers', () => {
    const w = new Worker(new URL('./shardWorker.ts', import.meta.url), { type: 'module' });
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => w.addEventListener('message', (e: MessageEvent<ShardMessage>) => h(e.data)),
      onError: (h) =>
        w.addEventListener('error', (e) => h(new Error(e.message || 'shard worker failed'))),
      terminate: () => w.terminate(),
    };
  });
}
