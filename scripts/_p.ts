import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
async function main() {
  await useNodeBackend('wasm');
  const t = (name: string, f: () => tf.Tensor, reps = 200) => {
    for (let i = 0; i < 10; i++) f().dispose();
    const t0 = performance.now(); for (let i = 0; i < reps; i++) f().dispose();
    console.log(name.padEnd(30), ((performance.now() - t0) / reps * 1000).toFixed(0), 'us');
  };
  const R = (s: number[]) => tf.randomNormal(s);
  const W = R([400,400]), A = R([90,400]), Aq = R([6,400]), A1T = R([400, 90]), BT = R([400,186]), B = R([186,400]);
  t('add W 0', () => tf.add(W, 0));
  t('mm 90x400x400 fresh', () => tf.tidy(() => tf.matMul(A, tf.add(W, 0))));
  t('add A1T', () => tf.add(A1T, 0));
  t('mm 6x400x90 fresh', () => tf.tidy(() => tf.matMul(Aq, tf.add(A1T, 0))));
  t('mm 6x400x90 cached', () => tf.matMul(Aq, A1T));
  t('mm 400x186x400 fresh', () => tf.tidy(() => tf.matMul(BT, tf.add(B, 0))));
  t('add B', () => tf.add(B, 0));
}
void main();
