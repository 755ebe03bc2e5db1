import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
import { mlp2MetaGradients, mlp2Tasks } from '../src/compute/fig5/mlp2Maml';
async function main() {
  await useNodeBackend('wasm');
  const h = 400, p = 60, T = 3, n = 30, q = 2;
  const r = () => Math.random() - 0.5;
  const arr = (k: number) => Float32Array.from({ length: k }, r);
  const d = mlp2Tasks(T, p, arr(T*n*p), arr(T*n), arr(T*q*p), arr(T*q));
  const params = [[p,h],[1,h],[h,h],[1,h],[h,1],[1,1]].map(([a,b]) => tf.tensor2d(arr(a*b).map(v=>v*0.1),[a,b]));
  const prof = await tf.profile(() => { const fresh = params.map(w => tf.add(w, 0) as tf.Tensor2D); const { loss, grads } = mlp2MetaGradients(fresh, d, -0.01); tf.dispose([fresh, grads]); return loss; });
  const rows = prof.kernels.map(k => ({ name: k.name, ms: Number(k.kernelTimeMs), shapes: JSON.stringify(k.inputShapes) }));
  rows.sort((a,b)=>b.ms-a.ms);
  let tot = 0; rows.forEach(x=>tot+=x.ms);
  console.log('total', tot.toFixed(2));
  for (const x of rows.slice(0, 30)) console.log(x.ms.toFixed(3), x.name, x.shapes);
}
void main();
