/**
 * Conv4 meta-training on the wasm Conv4 MAML kernel, end to end (trainConv4 on the shipped data):
 * it runs where kernelEngine.ts says it applies, and the same link trained by the tfjs engine
 * (the kernel switched off) gives the same curve and parameters to float32 rounding — the same
 * tasks, the same initialization, the same Adam; only the meta-gradient's engine differs.
 */
import { beforeAll, expect, test, vi } from 'vitest';
import { useNodeBackend } from '../../../src/compute/backend/node';
import { trainConv4 } from '../../../src/compute/omniglot/train';
import { loadOmniglotNode } from '../../../src/compute/omniglot/nodeData';
import { directContext } from '../../../src/core/jobs/context';
import { parseLink } from '../../../src/core/params';
import { ogSetting } from '../../../src/core/omniglot/training';

let kernelOff = false;
vi.mock('../../../src/compute/omniglot/kernelEngine', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/compute/omniglot/kernelEngine')>();
  return {
    ...m,
    kernelTrainer: (...a: Parameters<typeof m.kernelTrainer>) =>
      kernelOff ? Promise.resolve(null) : m.kernelTrainer(...a),
  };
});

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const relErr = (a: Float32Array[], b: Float32Array[]) => {
  let d = 0;
  let n = 0;
  a.forEach((x, i) => x.forEach((v, k) => ((d += (v - b[i][k]) ** 2), (n += b[i][k] ** 2))));
  return Math.sqrt(d / n);
};

test('MAML (exact second order) on the kernel follows the tfjs engine; ANIL stays on tfjs', async () => {
  const s = ogSetting(parseLink('view=nonlinear&ogFilters=4&ogIters=3&ogMetaBatch=2').params);
  const data = await loadOmniglotNode();
  const method = { adapt: 'all' as const, alphaT: 0.4 };
  kernelOff = false;
  const k = await trainConv4(s, method, data, directContext());
  kernelOff = true;
  const t = await trainConv4(s, method, data, directContext());
  kernelOff = false;
  expect(k.engine).toMatch(/^wasm Conv4 MAML kernel \((relaxed-)?simd\)$/);
  expect(t.engine).toBe('tfjs (wasm)');
  expect(k.curve.map((c) => c.iteration)).toEqual([1, 2, 3]);
  k.curve.forEach((c, i) => expect(c.loss).toBeCloseTo(t.curve[i].loss, 3));
  expect(relErr(k.params, t.params)).toBeLessThan(1e-3);
  const anil = await trainConv4(
    { ...s, iterations: 1 },
    { ...method, adapt: 'head' },
    data,
    directContext(),
  );
  expect(anil.engine).toBe('tfjs (wasm)');
});
