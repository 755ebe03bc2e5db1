import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/compute/backend/node';
import { mlp2MetaGradients, mlp2Tasks, mlp2GradientFlops } from '../src/compute/fig5/mlp2Maml';
async function main() {
  await useNodeBackend('wasm');
  for (const h of [400, 40, 100]) {
    const p = 60, T = 3, n = 30, q = 2;
    const r = () => Math.random() - 0.5;
    const arr = (k: number) => Float32Array.from({ length: k }, r);
    const d = mlp2Tasks(T, p, arr(T*n*p), arr(T*n), arr(T*q*p), arr(T*q));
    let params = [[p,h],[1,h],[h,h],[1,h],[h,1],[1,1]].map(([a,b]) => tf.tensor2d(arr(a*b).map(v=>v*0.1),[a,b]));
    const step = () => { const { loss, grads } = mlp2MetaGradients(params, d, -0.01);
      const next = tf.tidy(() => params.map((w, i) => tf.sub(w, tf.mul(grads[i], 0.001)) as tf.Tensor2D));
      tf.dispose([params, grads]); params = next; return loss; };
    for (let i = 0; i < 10; i++) step().dispose();
    const reps = h === 400 ? 100 : 500; const t0 = performance.now();
    let l; for (let i = 0; i < reps; i++) { l?.dispose(); l = step(); }
    await l!.data();
    const ms = (performance.now() - t0) / reps;
    console.log(h, ms.toFixed(3), 'ms/step', (mlp2GradientFlops(p,h,T,n,q)/ms/1e6).toFixed(1), 'GFLOP/s', mlp2GradientFlops(p,h,T,n,q)/1e6, 'MFLOP', tf.memory().numTensors);
  }
}
void main();
