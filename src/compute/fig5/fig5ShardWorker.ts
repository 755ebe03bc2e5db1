/**
 * A Node worker thread that trains and scores its share of a Fig. 5 sweep (nodeShards.ts starts
 * it): its own tfjs-wasm instance on one core. Messages out: {type: 'training', k, epoch, loss},
 * {type: 'scored', out}, {type: 'done'}, {type: 'error', message}; in: {type: 'cancel'}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../backend/node';
import { JobAbortedError } from '../../core/jobs/context';
import { trainAndScoreModels } from './fig5Sweep';
import type { Fig5Setting } from '../../core/fig5/quadraticRegression';

interface ShardData {
  setting: Fig5Setting;
  models: number[];
  backend: 'wasm' | 'cpu';
  testChunk?: number;
  curvePoints?: number;
}

const port = parentPort!;
const data = workerData as ShardData;
let cancelled = false;
port.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') cancelled = true;
});

async function main() {
  await useNodeBackend(data.backend);
  await trainAndScoreModels(
    data.setting,
    data.models,
    {
      checkpoint: async () => {
        await new Promise<void>((r) => setImmediate(r));
        if (cancelled) throw new JobAbortedError();
      },
      training: (k, epoch, loss) => port.postMessage({ type: 'training', k, epoch, loss }),
      scored: (out) => port.postMessage({ type: 'scored', out }),
    },
    data,
  );
  port.postMessage({ type: 'done', backend: tf.getBackend() });
}

main().catch((e: unknown) =>
  port.postMessage({
    type: e instanceof JobAbortedError ? 'cancelled' : 'error',
    message: e instanceof Error ? e.message : String(e),
  }),
);
