import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
async function main() {
  await useNodeBackend('wasm');
  const e = tf.tensor2d([1,2,3],[3,1]); const w = tf.tensor2d([1,2,3,4],[1,4]);
  console.log('outer', tf.matMul(e, w).dataSync());
  const a = tf.tensor2d([1,2,3,4,5,6],[2,3]); const m = tf.tensor2d([1,0,1,0,1,1],[2,3]);
  console.log('step', tf.step(tf.tensor2d([-1,0,2,3],[2,2])).dataSync());
  console.log('sum0', tf.sum(a, 0, true).dataSync(), 'mm', tf.matMul(a, tf.transpose(m)).dataSync());
  console.log('div', tf.div(a, 3).dataSync());
}
void main();
