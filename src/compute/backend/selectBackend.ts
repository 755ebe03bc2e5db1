import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../../core/sim/types';
import type { BackendName, BackendInfo } from '../../core/jobs/backend';

/**
 * Picks the compute backend: WebGPU first, then webgl, wasm, cpu (plain Float64 JS, no tfjs).
 * A software WebGPU adapter (isFallbackAdapter, e.g. SwiftShader) or a software WebGL renderer is
 * far slower than wasm, so 'auto' skips them; asking for 'webgpu' explicitly (link key backend=webgpu,
 * tests) still takes a software adapter.
 */
export const BACKEND_CHAIN: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** How to load each tfjs backend in this environment (the worker uses Vite ?url wasm files, Node the files on disk). */
export interface BackendLoaders {
  webgpu?: () => Promise<unknown>;
  webgl?: () => Promise<unknown>;
  wasm?: () => Promise<unknown>;
}

export function candidates(
  choice: BackendChoice,
  skip: ReadonlySet<BackendName> = new Set(),
): BackendName[] {
  const start = choice === 'auto' ? 0 : BACKEND_CHAIN.indexOf(choice);
  return BACKEND_CHAIN.slice(Math.max(0, start)).filter((b) => !skip.has(b));
}

async function webgpuAdapterInfo(): Promise<{ ok: boolean; fallback: boolean; reason?: string }> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return { ok: false, fallback: false, reason: 'navigator.gpu is missing' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { ok: false, fallback: false, reason: 'no WebGPU adapter' };
  const info = (adapter as { info?: { isFallbackAdapter?: boolean } }).info;
  const fallback = Boolean(
    info?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter,
  );
  return { ok: true, fallback };
}

function webglIsSoftware(): boolean {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2');
    if (!gl) return false;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|software|lavapipe/i.test(renderer);
  } catch {
    return false;
  }
}

async function trySetBackend(name: Exclude<BackendName, 'cpu'>, load?: () => Promise<unknown>) {
  if (!load) return `${name} is not available here`;
  try {
    await load();
    if (!(await tf.setBackend(name)) || tf.getBackend() !== name) return `${name} failed to start`;
    await tf.ready();
    return undefined;
  } catch (e) {
    return `${name} failed to start (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Starts the first usable backend of the chain; tf.getBackend() is that backend afterwards. */
export async function selectBackend(
  choice: BackendChoice,
  loaders: BackendLoaders,
  skip: ReadonlySet<BackendName> = new Set(),
): Promise<BackendInfo> {
  const reasons: string[] = [];
  let isFallbackAdapter: boolean | undefined;
  for (const name of candidates(choice, skip)) {
    if (name === 'cpu') break;
    if (name === 'webgpu') {
      const a = await webgpuAdapterInfo();
      if (!a.ok) {
        reasons.push(`WebGPU: ${a.reason}`);
        continue;
      }
      isFallbackAdapter = a.fallback;
      if (a.fallback && choice !== 'webgpu') {
        reasons.push('WebGPU: only a software adapter (slower than wasm)');
        continue;
      }
    }
    if (name === 'webgl' && choice !== 'webgl' && webglIsSoftware()) {
      reasons.push('WebGL: software renderer (slower than wasm)');
      continue;
    }
    const failure = await trySetBackend(name, loaders[name]);
    if (failure) {
      reasons.push(failure);
      continue;
    }
    return {
      name,
      ...(name === 'webgpu' ? { isFallbackAdapter } : {}),
      ...noticeFor(choice, name, reasons),
    };
  }
  return { name: 'cpu', ...noticeFor(choice, 'cpu', reasons) };
}

function noticeFor(
  choice: BackendChoice,
  name: BackendName,
  reasons: string[],
): { notice?: string } {
  if (reasons.length === 0 && (choice === 'auto' || choice === name)) return {};
  // A backend the link asked for and did not get: said in words wherever the job is shown.
  if (choice !== 'auto' && choice !== name)
    return {
      notice: `${BACKEND_LABEL[choice]} unavailable in this browser (${reasons.join('; ') || 'failed to start'}): running on ${BACKEND_LABEL[name]} instead`,
    };
  return { notice: `${reasons.join('; ')} — using ${name}` };
}

const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'wasm',
  cpu: 'plain JavaScript (cpu)',
};
