/**
 * Scoring on the wasm Conv4 kernel (kernelScore.ts) against scoreConv4's tfjs path (score.ts) on
 * the shipped data, for a briefly meta-trained Conv4-8: the logits after adaptation steps agree to
 * float32 rounding, and so the per-task accuracies agree except where a query sits on a near-tie —
 * 5-way (1 and 3 steps), NIL, and 20-way on the official runs (a zero head of another way).
 */
import { beforeAll, expect, test, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../../src/compute/backend/node';
import { trainConv4 } from '../../../src/compute/omniglot/train';
import { arraysForWay, modelForWay, scoreConv4 } from '../../../src/compute/omniglot/score';
import { adaptConv4, conv4Logits, perTask } from '../../../src/compute/omniglot/conv4';
import { episodeArrays, episodeTensors } from '../../../src/compute/omniglot/episodes';
import { MamlConv4Kernel } from '../../../src/compute/kernels/mamlConv4Kernel';
import { loadOmniglotNode } from '../../../src/compute/omniglot/nodeData';
import { evaluationTasks } from '../../../src/core/omniglot/tasks';
import { officialRuns } from '../../../src/core/omniglot/runs';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import { ogSetting } from '../../../src/core/omniglot/training';

let kernelOff = false;
vi.mock('../../../src/compute/omniglot/kernelScore', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/compute/omniglot/kernelScore')>();
  return {
    ...m,
    kernelScoreApplies: (...a: Parameters<typeof m.kernelScoreApplies>) =>
      !kernelOff && m.kernelScoreApplies(...a),
  };
});

beforeAll(async () => {
  await useNodeBackend('wasm');
});

test('kernel scoring = the tfjs path: logits to float32 rounding, accuracies up to near-ties', async () => {
  const s = ogSetting(parseLink('view=nonlinear&ogFilters=8&ogIters=30').params);
  const data = await loadOmniglotNode();
  const model = await trainConv4(s, { adapt: 'all', alphaT: 0.4 }, data, directContext());
  const tasks = evaluationTasks(data.index, 40);

  // logits of one task after 2 adaptation steps
  const { arrays, shape } = arraysForWay(model, 5);
  const kernel = await MamlConv4Kernel.create(shape, 5, 75);
  kernel.setParams(arrays);
  const a = episodeArrays(data, [tasks[0]]);
  kernel.startAdaptation();
  kernel.adaptStep(0.4, a.xs, a.ys, 5);
  kernel.adaptStep(0.4, a.xs, a.ys, 5);
  const got = kernel.predict(a.xq, 75);
  const { params } = modelForWay(model, 5);
  const b = episodeTensors(data, [tasks[0]]);
  const want = tf.tidy(() => {
    const theta = adaptConv4(perTask(params, 1), b.xs, b.ys, 0.4, { steps: 2, firstOrder: true });
    return conv4Logits(theta, b.xq).dataSync() as Float32Array;
  });
  let d = 0;
  let n = 0;
  want.forEach((w, i) => ((d += (w - got[i]) ** 2), (n += w * w)));
  expect(Math.sqrt(d / n)).toBeLessThan(1e-4);
  expect(Math.sqrt(d / n)).toBeGreaterThan(0); // two engines, not one

  const runs = officialRuns(data.index);
  const cases = [
    { episodes: tasks, opts: { steps: [0, 1, 3], alpha: 0.4, adapt: 'all' as const } },
    { episodes: tasks, opts: { steps: [1], alpha: 0.4, adapt: 'all' as const, nil: true } },
    { episodes: runs, opts: { steps: [3], alpha: 0.4, adapt: 'all' as const } },
  ];
  for (const { episodes, opts } of cases) {
    const none = async () => {};
    kernelOff = false;
    const k = await scoreConv4(model, data, episodes, opts, none);
    kernelOff = true;
    const t = await scoreConv4(model, data, episodes, opts, none);
    kernelOff = false;
    k.forEach((perTaskAcc, i) => {
      const q = episodes[0].query.length;
      // differing query images over all tasks: at most 1 in 500 (near-ties of two engines)
      const flips = perTaskAcc.reduce((m, x, j) => m + Math.round(Math.abs(x - t[i][j]) * q), 0);
      expect(flips, `steps ${opts.steps[i]}${opts.nil ? ' NIL' : ''}`).toBeLessThanOrEqual(
        Math.ceil((perTaskAcc.length * q) / 500),
      );
    });
  }
  expect(tf.memory().numTensors).toBeLessThan(40); // nothing leaked beyond the model's copies
  tf.dispose([params, b.xs, b.ys, b.xq, b.yq, b.labels]);
}, 120_000);
