import { describe, expect, test } from 'vitest';
import { candidates, selectBackend } from '../../../src/compute/backend/selectBackend';
import { nodeBackendLoaders } from '../../../src/compute/backend/node';

describe('backend selection: webgpu → webgl → wasm → cpu', () => {
  test('candidate order, starting from the requested backend, skipping failed ones', () => {
    expect(candidates('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidates('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(candidates('auto', new Set(['webgpu']))).toEqual(['webgl', 'wasm', 'cpu']);
    expect(candidates('cpu')).toEqual(['cpu']);
  });

  test('no WebGPU in Node: an explicit webgpu request falls back to wasm with a notice', async () => {
    const info = await selectBackend('webgpu', nodeBackendLoaders);
    expect(info.name).toBe('wasm');
    expect(info.notice).toMatch(/WebGPU unavailable in this browser .*: running on wasm instead/);
  });

  test('cpu needs no tfjs backend and reports no notice; a failed wasm falls back to cpu', async () => {
    expect(await selectBackend('cpu', nodeBackendLoaders)).toEqual({ name: 'cpu' });
    const info = await selectBackend('wasm', {
      wasm: async () => {
        throw new Error('no wasm here');
      },
    });
    expect(info.name).toBe('cpu');
    expect(info.notice).toContain('no wasm here');
  });
});
