/**
 * The shard pool in Node (CLI, benches, tests): one worker_thread per shard running
 * nodeShardEntry.ts. The thread first registers tsx's TypeScript loader itself (a worker does not
 * inherit the parent's loader hooks, and Node 20 ignores `--import` in a worker's execArgv).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { threadPool, type ShardMessage, type ShardPool } from './shardPool';
import '../kernels/nodeRelaxedSimd';

export function nodeShardPool(size = availableParallelism()): ShardPool {
  const entry = new URL('./nodeShardEntry.ts', import.meta.url).href;
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return threadPool(size, 'Node worker threads', () => {
    const w = new Worker(boot, { eval: true });
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => w.on('message', (m: ShardMessage) => h(m)),
      onError: (h) => w.on('error', h),
      terminate: () => void w.terminate(),
    };
  });
}
