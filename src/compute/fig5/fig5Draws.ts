/**
 * The random draws of a Fig. 5 sweep, deterministic in the seed (common random numbers): every run's
 * initial weights and meta-training tasks, shared by all αt values, and the test tasks every
 * network is scored on. Both engines (fig5Sweep.ts on tfjs, fig5Kernel.ts on the wasm kernel) and
 * the batched reference (fig5Reference.ts) draw from here, so they train the same networks.
 */
import { createRng } from '../../core/rng';
import {
  drawQuadraticTask,
  sampleQuadraticPoints,
  type Fig5Setting,
} from '../../core/fig5/quadraticRegression';
import { initMlpArrays } from '../nn/batchedMlp';

const STREAM_TRAIN = 31;
const STREAM_TEST = 32;

/** Host arrays [count·n, p] and [count·n] of n points for each task. */
function pointsFor(
  rng: ReturnType<typeof createRng>,
  st: Fig5Setting,
  tasks: ReturnType<typeof drawQuadraticTask>[],
  n: number,
) {
  const x = new Float32Array(tasks.length * n * st.p);
  const y = new Float32Array(tasks.length * n);
  tasks.forEach((t, i) => sampleQuadraticPoints(rng, st, t, n, x, i * n * st.p, y, i * n));
  return { x, y };
}

/**
 * Every run's initial weights and meta-training data (deterministic in the seed): weights
 * N(0, 1/fan_in) as in the paper, biases 0; per parameter, run-major ([runs, rows, cols]).
 */
export function fig5Draws(st: Fig5Setting) {
  const rng = createRng(st.seed, STREAM_TRAIN);
  const sizes = [st.p, st.width, st.width, 1];
  const init = initMlpArrays(sizes, st.runs, rng, { weightStd: (fanIn) => 1 / Math.sqrt(fanIn) });
  const tasks = Array.from({ length: st.runs * st.m }, () => drawQuadraticTask(rng, st));
  return {
    sizes,
    init,
    support: pointsFor(rng, st, tasks, st.nt),
    query: pointsFor(rng, st, tasks, st.nv),
  };
}

export type Draws = ReturnType<typeof fig5Draws>;

const shapesOf = (sizes: number[]): [number, number][] =>
  sizes.slice(1).flatMap((out, l) => [[sizes[l], out] as [number, number], [1, out]]);

/** Run r's slice of the draws. */
export function runSlice(d: Draws, st: Fig5Setting, r: number) {
  const shapes = shapesOf(d.sizes);
  const params = d.init.map((a, i) => {
    const per = shapes[i][0] * shapes[i][1];
    return a.subarray(r * per, (r + 1) * per);
  });
  const [s, q] = [st.m * st.nt, st.m * st.nv];
  return {
    shapes,
    params,
    x: d.support.x.subarray(r * s * st.p, (r + 1) * s * st.p),
    y: d.support.y.subarray(r * s, (r + 1) * s),
    xq: d.query.x.subarray(r * q * st.p, (r + 1) * q * st.p),
    yq: d.query.y.subarray(r * q, (r + 1) * q),
  };
}

/**
 * Host arrays of the first `count` test tasks, drawn task by task (so any prefix, and any chunking
 * of them, is the same tasks): support sx [count·n_r, p], sy; query qx [count·testPoints, p], qy.
 */
export function drawFig5TestTasks(st: Fig5Setting, count = st.testTasks) {
  const rng = createRng(st.seed, STREAM_TEST);
  const d = st.p;
  const sx = new Float32Array(count * st.nr * d);
  const sy = new Float32Array(count * st.nr);
  const qx = new Float32Array(count * st.testPoints * d);
  const qy = new Float32Array(count * st.testPoints);
  for (let i = 0; i < count; i++) {
    const task = drawQuadraticTask(rng, st);
    sampleQuadraticPoints(rng, st, task, st.nr, sx, i * st.nr * d, sy, i * st.nr);
    const xq = i * st.testPoints;
    sampleQuadraticPoints(rng, st, task, st.testPoints, qx, xq * d, qy, xq);
  }
  return { sx, sy, qx, qy };
}
