import { runFig5SweepSharded } from '../src/compute/fig5/nodeShards';
import { directContext } from '../src/core/jobs/context';
import { FIG5_PAPER } from '../src/core/fig5/quadraticRegression';
async function main() {
  const st = { ...FIG5_PAPER, width: 40, epochs: 200, alphas: [-0.02, 0, 0.02], runs: 4, testTasks: 50 };
  const r = await runFig5SweepSharded({ setting: st }, directContext((p) => process.stderr.write(`${p.done}/${p.total} `)), { shards: 2 });
  console.log('\n', r.seconds, r.shards, r.backend, r.meanTestLoss, r.flattenedAt);
  const { useNodeBackend } = await import('../src/compute/backend/node');
  await useNodeBackend('wasm');
  const { runFig5Sweep } = await import('../src/compute/fig5/fig5Sweep');
  const one = await runFig5Sweep({ setting: st }, directContext());
  console.log(one.seconds, one.meanTestLoss, JSON.stringify(one.perRun) === JSON.stringify(r.perRun));
}
void main();
