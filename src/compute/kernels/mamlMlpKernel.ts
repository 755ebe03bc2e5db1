/**
 * Host side of the MAML-on-MLP WebAssembly kernel (kernels/mamlMlp.ts): instantiates it, owns its
 * memory (wasmKernel.ts: models' parameters and task batches live there, so a step copies
 * nothing) and wraps its calls. Pure wasm, no tfjs: it runs the same in a page worker, a Node
 * worker thread, the CLI and the tests.
 */
import type { TaskBatch } from '../../core/metaSgd/metaTaskSamplers';
import { mamlMlpRelaxedWasmBase64, mamlMlpWasmBase64 } from './mamlMlpWasm';
import {
  bestBuild,
  canRunBuild,
  instantiateKernel,
  KernelHeap,
  type KernelBuild,
  type KernelSources,
} from './wasmKernel';

interface Exports {
  memory: WebAssembly.Memory;
  configure(table: number, scratch: number, rows: number): number;
  stackCapacity(rows: number): number;
  paramCount(): number;
  heapBase(): number;
  gradientPtr(): number;
  metaGradient(...args: number[]): number;
  sgdStep(...args: number[]): number;
  evalLoss(...args: number[]): number;
}

/** A task batch resident in kernel memory (pointers are byte offsets). */
export interface KernelBatch {
  tasks: number;
  support: number;
  query: number;
  xs: number;
  ys: number;
  xq: number;
  yq: number;
}

export interface MamlKernelOptions {
  secondOrder: boolean;
  /** Loss = ½ MSE (true) or MSE. */
  half: boolean;
  /**
   * Bound on every (adapted) parameter: beyond it a step is refused (see sinusoid runner).
   * Infinity: no bound, so θ′ is never formed (the kernel's implicit low-rank inner step).
   */
  limit: number;
}

export type { KernelBuild };

const SOURCES: KernelSources = {
  simd: mamlMlpWasmBase64,
  'relaxed-simd': mamlMlpRelaxedWasmBase64,
};

/** Whether this engine runs WebAssembly SIMD (every current browser; Safari since 16.4). */
export function mamlKernelSupported(): boolean {
  return canRunBuild(SOURCES, 'simd');
}

/** The build this thread runs (see bestBuild); every kernel has the same two builds. */
export function defaultKernelBuild(): KernelBuild {
  return bestBuild(SOURCES);
}


export class MamlMlpKernel {
  readonly paramCount: number;
  private readonly heap: KernelHeap;

  private constructor(
    private readonly x: Exports,
    readonly sizes: readonly number[],
    /** Most rows (points) of any support or query set this kernel will see. */
    readonly maxRows: number,
    readonly build: KernelBuild,
  ) {
    const layers = sizes.length - 1;
    this.heap = new KernelHeap(x.memory, x.heapBase());
    const table = this.alloc(3 + 3 * layers);
    new Int32Array(x.memory.buffer, table, 2 + layers).set([layers, ...sizes]);
    // An upper bound of what configure lays out (it writes its pointer table there): 6 sets of
    // per-layer row buffers, 8 parameter-size vectors, a rows × rows and a rows × widest-layer
    // block, per layer the two outer-product stacks, and gemmNarrow's columns, each 16-byte aligned.
    let params = 0;
    let stacks = 0;
    const cap = x.stackCapacity(maxRows);
    for (let l = 1; l <= layers; l++) {
      params += sizes[l - 1] * sizes[l] + sizes[l];
      stacks += cap * (sizes[l - 1] + sizes[l]) + 8;
    }
    const rowsFloats = sizes.reduce((s, d) => s + maxRows * d + 4, 0);
    const thin = maxRows * (maxRows + Math.max(...sizes)) + 8;
    const tables = 8 * 9 + 2 * 9 + 8;
    const narrow = 3 * Math.max(cap, ...sizes) + 4;
    const scratch = this.alloc(tables + 6 * rowsFloats + 8 * (params + 4) + thin + stacks + narrow);
    const end = x.configure(table, scratch, maxRows);
    if (end > this.heap.end) throw new Error('MAML kernel scratch bound too small');
    this.paramCount = x.paramCount();
  }

  static async create(
    sizes: readonly number[],
    maxRows: number,
    build: KernelBuild = defaultKernelBuild(),
  ): Promise<MamlMlpKernel> {
    if (sizes.length - 1 > 8) throw new Error('the MAML kernel takes at most 8 layers');
    const x = await instantiateKernel<Exports>(SOURCES, build);
    return new MamlMlpKernel(x, sizes, maxRows, build);
  }

  /** Reserves `floats` float32s (16-byte aligned); returns the byte offset. */
  alloc(floats: number): number {
    return this.heap.alloc(floats);
  }

  /** A live view (re-take it after any alloc: growing memory detaches old views). */
  view(ptr: number, floats: number): Float32Array {
    return this.heap.view(ptr, floats);
  }

  /** Copies a host task batch into kernel memory (into `into` when its shape matches). */
  upload(b: TaskBatch, into?: KernelBatch): KernelBatch {
    if (b.inDim !== this.sizes[0] || b.outDim !== this.sizes[this.sizes.length - 1])
      throw new Error('task dimensions do not match the network');
    if (Math.max(b.support, b.query) > this.maxRows) throw new Error('more points than maxRows');
    const same =
      into && into.tasks === b.tasks && into.support === b.support && into.query === b.query;
    const k: KernelBatch = same
      ? into
      : {
          tasks: b.tasks,
          support: b.support,
          query: b.query,
          xs: this.alloc(b.xs.length),
          ys: this.alloc(b.ys.length),
          xq: this.alloc(b.xq.length),
          yq: this.alloc(b.yq.length),
        };
    this.view(k.xs, b.xs.length).set(b.xs);
    this.view(k.ys, b.ys.length).set(b.ys);
    this.view(k.xq, b.xq.length).set(b.xq);
    this.view(k.yq, b.yq.length).set(b.yq);
    return k;
  }

  private args(b: KernelBatch): number[] {
    return [b.tasks, b.support, b.query, b.xs, b.ys, b.xq, b.yq];
  }

  /** The kernel's trailing arguments for `o`: second order (0/1), loss scale, bound. */
  private flags(o: MamlKernelOptions): number[] {
    return [o.secondOrder ? 1 : 0, o.half ? 0.5 : 1, o.limit];
  }

  /** Mean meta-gradient at θ (at `theta`) into gradient(); returns the mean query loss (NaN: θ′ escaped). */
  metaGradient(theta: number, alpha: number, b: KernelBatch, o: MamlKernelOptions): number {
    return this.x.metaGradient(theta, alpha, ...this.args(b), ...this.flags(o));
  }

  /** A copy of the last meta-gradient. */
  gradient(): Float32Array {
    return this.view(this.x.gradientPtr(), this.paramCount).slice();
  }

  /** θ ← θ − β·∇; returns the pre-step query loss, NaN when the step was refused (θ unchanged). */
  sgdStep(theta: number, alpha: number, beta: number, b: KernelBatch, o: MamlKernelOptions) {
    return this.x.sgdStep(theta, alpha, beta, ...this.args(b), ...this.flags(o));
  }

  /** Mean query loss after one adaptation step; +∞ when some θ′ escapes the bound. */
  evalLoss(theta: number, alpha: number, b: KernelBatch, half: boolean, limit: number): number {
    return this.x.evalLoss(theta, alpha, ...this.args(b), half ? 0.5 : 1, limit);
  }
}
