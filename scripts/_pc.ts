import { useNodeBackend } from '../src/compute/backend/node';
import { directContext } from '../src/core/jobs/context';
import { FIG5_PAPER } from '../src/core/fig5/quadraticRegression';
async function main() {
  await useNodeBackend('wasm');
  const { runFig5Sweep } = await import('../src/compute/fig5/fig5Sweep');
  const st = { ...FIG5_PAPER, alphas: [-0.0075], runs: 1, testTasks: 200 };
  const r = await runFig5Sweep({ setting: st, curvePoints: 50 }, directContext());
  console.log(JSON.stringify({ s: r.seconds, flat: r.flattenedAt, test: r.meanTestLoss, e: r.curve.epochs, c: r.curve.mean }));
}
void main();
