import { useNodeBackend } from '../src/compute/backend/node';
import { directContext } from '../src/core/jobs/context';
import { FIG5_PAPER } from '../src/core/fig5/quadraticRegression';
async function main() {
  await useNodeBackend('wasm');
  const { runFig5Sweep } = await import('../src/compute/fig5/fig5Sweep');
  const st = { ...FIG5_PAPER, width: 40, epochs: 200, alphas: [-0.02, 0, 0.02], runs: 2, testTasks: 50 };
  const one = await runFig5Sweep({ setting: st, curvePoints: 10 }, directContext());
  console.log(one.meanTestLoss, one.curve.epochs, one.curve.perAlpha.map(c=>c.map(v=>v.toPrecision(3)).join(' ')));
}
void main();
