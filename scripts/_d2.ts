import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
import { mlp2MetaGradients, mlp2Tasks } from '../src/compute/fig5/mlp2Maml';
async function main() {
  const h = 40, p = 60, T = 3, n = 30, q = 2;
  let s = 1; const r = () => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; };
  const arr = (k: number) => Float32Array.from({ length: k }, r);
  const host = [arr(T*n*p), arr(T*n), arr(T*q*p), arr(T*q)];
  const ph = [[p,h],[1,h],[h,h],[1,h],[h,1],[1,1]].map(([a,b]) => arr(a*b));
  for (const b of ['cpu', 'wasm'] as const) {
    await useNodeBackend(b);
    const d = mlp2Tasks(T, p, host[0], host[1], host[2], host[3]);
    const params = [[p,h],[1,h],[h,h],[1,h],[h,1],[1,1]].map(([a,bb], i) => tf.tensor2d(ph[i], [a,bb]));
    const { loss, grads } = mlp2MetaGradients(params, d, -0.02);
    console.log(b, loss.dataSync()[0], grads.map(g => { const v = g.dataSync(); return [v[0], v[v.length-1], v.some(x=>!isFinite(x))]; }));
    for (const k of ['x','y','xq','yq','mask','maskT','k1','xallT'] as const) { const v = (d as any)[k].dataSync(); if (v.some((x:number)=>!isFinite(x))) console.log('bad', k); }
  }
}
void main();
