/**
 * THE Node backend loader (CLI, benches, Node tests): where tfjs-backend-wasm finds its .wasm files
 * on disk, and `useNodeBackend`, which registers tfjs gradients and starts wasm or cpu.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { BackendLoaders } from './selectBackend';
import '../kernels/nodeRelaxedSimd';

export const nodeBackendLoaders: BackendLoaders = {
  // Only where navigator.gpu exists: the WebGPU bench installs Dawn's (scripts/nodeWebgpu.ts).
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dir = dirname(
      require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    wasm.setWasmPaths(join(dir, '/'));
    const { registerFastWasmSlices } = await import('./wasmSliceKernels');
    registerFastWasmSlices();
  },
};

/** Starts tfjs on `backend` in Node, with every gradient registered (the MLP jobs need them). */
export async function useNodeBackend(backend: 'wasm' | 'cpu'): Promise<void> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const { registerTfjsGradientsInNode } = await import('../nn/gradientsNode');
  registerTfjsGradientsInNode();
  if (backend === 'wasm') await nodeBackendLoaders.wasm!();
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend)
    throw new Error(`tfjs backend ${backend} unavailable`);
}
