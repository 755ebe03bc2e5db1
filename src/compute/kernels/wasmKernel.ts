/**
 * What the WebAssembly kernels' hosts (mamlMlpKernel.ts, mamlConv4Kernel.ts) share: each kernel
 * ships two builds of one source as base64 (kernels/*.ts → *Wasm.ts), decoded and compiled once per
 * thread; the host picks the build this engine runs and owns the instance's memory with a bump
 * allocator (parameters and task batches live there, so a call copies nothing).
 */

/** A kernel's two builds: plain SIMD, and relaxed SIMD (fused multiply-add). */
export type KernelBuild = 'simd' | 'relaxed-simd';
export type KernelSources = Record<KernelBuild, string>;

const decoded = new WeakMap<KernelSources, Map<KernelBuild, Uint8Array<ArrayBuffer>>>();
/** A build's bytes, decoded once per thread. */
export function kernelBytes(src: KernelSources, build: KernelBuild): Uint8Array<ArrayBuffer> {
  let m = decoded.get(src);
  if (!m) decoded.set(src, (m = new Map()));
  let b = m.get(build);
  if (!b) m.set(build, (b = Uint8Array.from(atob(src[build]), (c) => c.charCodeAt(0))));
  return b;
}

const modules = new WeakMap<KernelSources, Map<KernelBuild, Promise<WebAssembly.Module>>>();
function kernelModule(src: KernelSources, build: KernelBuild): Promise<WebAssembly.Module> {
  let m = modules.get(src);
  if (!m) modules.set(src, (m = new Map()));
  let p = m.get(build);
  if (!p) m.set(build, (p = WebAssembly.compile(kernelBytes(src, build))));
  return p;
}

/** Whether this engine validates the build (WebAssembly SIMD; relaxed SIMD for 'relaxed-simd'). */
export const canRunBuild = (src: KernelSources, build: KernelBuild) =>
  typeof WebAssembly === 'object' && WebAssembly.validate(kernelBytes(src, build));

/**
 * The build to run: relaxed SIMD where the engine has it (Chromium ≥ 114, Firefox ≥ 120; Node 20
 * after nodeRelaxedSimd.ts), else plain SIMD. Both are exact; they differ only in float rounding
 * (fused vs separate multiply and add).
 */
export const bestBuild = (src: KernelSources): KernelBuild =>
  canRunBuild(src, 'relaxed-simd') ? 'relaxed-simd' : 'simd';

/** A fresh instance of the build's module (its own memory). */
export async function instantiateKernel<E>(src: KernelSources, build: KernelBuild): Promise<E> {
  const instance = await WebAssembly.instantiate(await kernelModule(src, build), {
    env: { abort: () => Promise.reject(new Error('wasm kernel abort')) },
  });
  return instance.exports as unknown as E;
}

const PAGE = 65536;

/**
 * A bump allocator over a kernel instance's memory (floats, 16-byte aligned), from the module's
 * __heap_base on: below it lie the module's static data (AssemblyScript's exp/log tables).
 */
export class KernelHeap {
  private top: number;
  constructor(
    private readonly memory: WebAssembly.Memory,
    heapBase: number,
  ) {
    this.top = heapBase;
  }

  /** Reserves `floats` float32s (16-byte aligned); returns the byte offset. */
  alloc(floats: number): number {
    const p = (this.top + 15) & ~15;
    this.top = p + 4 * floats;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) this.memory.grow(Math.ceil((this.top - have) / PAGE));
    return p;
  }

  /** The first byte past every allocation. */
  get end(): number {
    return this.top;
  }

  /** A live view (re-take it after any alloc: growing memory detaches old views). */
  view(ptr: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, floats);
  }
}
