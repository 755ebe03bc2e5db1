import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
async function main() {
  const h = 40, p = 60, S = 90, Q = 6;
  let s = 1; const r = () => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; };
  const arr = (k: number) => Float32Array.from({ length: k }, r);
  const X = arr(S*p), W1 = arr(p*h), W2 = arr(h*h), Xq = arr(Q*p);
  const out: Record<string, Float32Array[]> = {};
  for (const b of ['cpu', 'wasm'] as const) {
    await useNodeBackend(b);
    const x = tf.tensor2d(X,[S,p]), w1 = tf.tensor2d(W1,[p,h]), w2 = tf.tensor2d(W2,[h,h]), xq = tf.tensor2d(Xq,[Q,p]);
    const z1 = tf.matMul(x, w1); const a1 = tf.relu(z1); const z2 = tf.matMul(a1, w2);
    const w2t = tf.transpose(w2); const p2 = tf.matMul(z2, w2t);
    const zq = tf.matMul(xq, w1);
    const k = tf.matMul(a1, tf.transpose(tf.relu(zq)));
    const st = tf.step(z1);
    const rs = tf.sum(z1, 0, true);
    const res = { z1, a1, z2, p2, zq, k, st, rs } as Record<string, tf.Tensor>;
    for (const [n, t] of Object.entries(res)) (out[n] ??= []).push(t.dataSync() as Float32Array);
  }
  for (const [n, [c, w]] of Object.entries(out)) { let d = 0; for (let i = 0; i < c.length; i++) d = Math.max(d, Math.abs(c[i]-w[i])); console.log(n, d); }
}
void main();
