/// <reference lib="webworker" />
/** A Web Worker serving one shard of a job (see src/compute/shards/shardPool.ts); no tfjs here. */
import { serveShard } from '../compute/shards/shardPool';

serveShard(
  (m) => self.postMessage(m),
  (h) => self.addEventListener('message', (e) => h(e.data)),
);
