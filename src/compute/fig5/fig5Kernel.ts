/**
 * The Fig. 5 networks on the wasm MAML kernel (kernels/mamlMlp.ts) instead of tfjs: the same
 * networks, draws, loss (½ MSE), exact second-order meta-gradient (I − αt H_s)∇L_q(θ′), plain
 * gradient descent on the run's m tasks and meta-test scoring as `trainAndScoreModels`
 * (fig5Sweep.ts), with no per-op dispatch: one call per epoch. Numbers agree with the tfjs engine
 * to float32 rounding (tested), not bit for bit. Runs wherever WebAssembly SIMD does (page shard
 * workers, Node worker threads); GPUs keep the tfjs engine.
 */
import { MamlMlpKernel } from '../kernels/mamlMlpKernel';
import type { Fig5Setting } from '../../core/fig5/quadraticRegression';
import { pacedCheckpoint } from '../../core/jobs/context';
import { drawFig5TestTasks, fig5Draws, runSlice } from './fig5Draws';
import { curveEpochs, trainingLog, type Fig5ModelHooks, type Fig5ModelOut } from './fig5Sweep';

/**
 * No bound on the parameters (a non-finite loss or step is a divergence), so the kernel never forms
 * a task's θ′ (its implicit low-rank inner step).
 */
const NO_BOUND = Infinity;

/** The engine's name in results: the kernel and the build this thread runs. */
export const kernelEngineName = (k: MamlMlpKernel) => `wasm MAML kernel (${k.build})`;

/** Trains, then scores, the networks `models` (indices a·runs + r) one after another. */
export async function trainAndScoreModelsOnKernel(
  st: Fig5Setting,
  models: readonly number[],
  hooks: Fig5ModelHooks,
  opts: { curvePoints?: number; onEngine?: (name: string) => void } = {},
): Promise<Fig5ModelOut[]> {
  const draws = fig5Draws(st);
  const rows = Math.max(st.nt, st.nv, st.nr, st.testPoints);
  const kernel = await MamlMlpKernel.create(draws.sizes, rows);
  opts.onEngine?.(kernelEngineName(kernel));
  const t = drawFig5TestTasks(st);
  const test = kernel.upload({
    tasks: st.testTasks,
    support: st.nr,
    query: st.testPoints,
    inDim: st.p,
    outDim: 1,
    xs: t.sx,
    ys: t.sy,
    xq: t.qx,
    yq: t.qy,
  });
  const record = curveEpochs(st.epochs, opts.curvePoints);
  const o = { secondOrder: !st.firstOrder, half: true, limit: NO_BOUND };
  const theta = kernel.alloc(kernel.paramCount);
  let train: ReturnType<MamlMlpKernel['upload']> | undefined;
  const paced = pacedCheckpoint(hooks, 200);
  const outs: Fig5ModelOut[] = [];
  for (const k of models) {
    const a = Math.floor(k / st.runs);
    const alpha = st.alphas[a];
    const run = runSlice(draws, st, k % st.runs);
    train = kernel.upload(
      {
        tasks: st.m,
        support: st.nt,
        query: st.nv,
        inDim: st.p,
        outDim: 1,
        xs: run.x,
        ys: run.y,
        xq: run.xq,
        yq: run.yq,
      },
      train,
    );
    // Parameter layout [W1, b1, W2, b2, W3, b3], weights [fan_in × fan_out] row-major: the draws'.
    const th = kernel.view(theta, kernel.paramCount);
    let off = 0;
    for (const p of run.params) {
      th.set(p, off);
      off += p.length;
    }
    const log = trainingLog(record, hooks, k);
    let last = NaN;
    for (let epoch = 0; epoch < st.epochs; epoch++) {
      // The loss before the step; NaN when the step would leave float32's range (θ kept).
      last = kernel.sgdStep(theta, alpha, st.outerLr, train, o);
      if (log.records(epoch)) log.push(last);
      if (!Number.isFinite(last)) break; // diverged: the rest of the curve is NaN
      await log.pace(epoch, last);
    }
    let testLoss = NaN;
    if (Number.isFinite(last)) {
      last = kernel.evalLoss(theta, alpha, train, true, NO_BOUND);
      log.push(last);
      await paced();
      const l = kernel.evalLoss(theta, st.alphaR, test, true, NO_BOUND);
      testLoss = Number.isFinite(l) ? l : NaN;
    }
    const out = { k, testLoss, curve: log.padded() };
    outs.push(out);
    hooks.training(k, st.epochs, last);
    hooks.scored(out);
  }
  return outs;
}
