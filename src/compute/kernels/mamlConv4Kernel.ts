/**
 * Host side of the MAML-on-Conv4 WebAssembly kernel (kernels/mamlConv4.ts): instantiates it, owns
 * its memory (wasmKernel.ts) and wraps its one call, the meta-gradient of a meta-batch with one
 * inner step on every parameter. Pure wasm, no tfjs. Parameters are the arrays of
 * conv4ParamShapes (src/compute/omniglot/conv4.ts), in that order.
 */
import { mamlConv4RelaxedWasmBase64, mamlConv4WasmBase64 } from './mamlConv4Wasm';
import { defaultKernelBuild, mamlKernelSupported } from './mamlMlpKernel';
import { instantiateKernel, KernelHeap, type KernelBuild, type KernelSources } from './wasmKernel';

const SOURCES: KernelSources = {
  simd: mamlConv4WasmBase64,
  'relaxed-simd': mamlConv4RelaxedWasmBase64,
};

interface Exports {
  memory: WebAssembly.Memory;
  configure(scratch: number, f: number, way: number, size: number, ms: number, mq: number): number;
  paramCount(): number;
  heapBase(): number;
  gradientPtr(): number;
  metaGradient(...args: number[]): number;
  adamStep(...args: number[]): void;
  sgdStep(theta: number, alpha: number, xs: number, ys: number, m: number): number;
  predict(theta: number, x: number, m: number, features: number): number;
}

export interface Conv4KernelShape {
  filters: number;
  way: number;
  imageSize: number;
}

/** A meta-batch in host memory: images [T × M × S × S] (ink = 1), labels one-hot [T × M × way]. */
export interface Conv4Batch {
  tasks: number;
  support: number;
  query: number;
  xs: Float32Array;
  ys: Float32Array;
  xq: Float32Array;
  yq: Float32Array;
}

const BLOCKS = 4;
const sideAfter = (s: number, blocks: number) => {
  for (let l = 0; l < blocks; l++) s = Math.floor((s - 1) / 2) + 1;
  return s;
};

export class MamlConv4Kernel {
  readonly paramCount: number;
  private readonly heap: KernelHeap;
  private readonly theta: number;

  /** Whether the kernel runs this shape here (WebAssembly SIMD; filters a multiple of 4). */
  static supports(shape: Conv4KernelShape): boolean {
    return shape.filters % 4 === 0 && mamlKernelSupported();
  }

  private constructor(
    private readonly x: Exports,
    readonly shape: Conv4KernelShape,
    readonly maxSupport: number,
    readonly maxQuery: number,
    readonly build: KernelBuild,
  ) {
    this.heap = new KernelHeap(x.memory, x.heapBase());
    const { filters: f, way, imageSize } = shape;
    // An upper bound of what configure lays out (each buffer 16-byte aligned: + 4 floats).
    const rows = (l: number, m: number) => m * sideAfter(imageSize, l) ** 2;
    const fs = rows(BLOCKS, 1) * f;
    let params = fs * way + way;
    for (let l = 1; l <= BLOCKS; l++) params += 9 * (l === 1 ? 1 : f) * f + 2 * f;
    const set = (m: number) => {
      let n = 3 * (m * way + 4);
      for (let l = 1; l <= BLOCKS; l++)
        n += rows(l, m) * 9 * (l === 1 ? 1 : f) + 5 * rows(l, m) * f + f + 24;
      return n;
    };
    const m = Math.max(maxSupport, maxQuery);
    const bound =
      64 +
      3 * 10 * (BLOCKS + 1) +
      11 * (params + 4) +
      2 * set(maxSupport) +
      set(maxQuery) +
      rows(2, m) * 9 * f +
      8 * f +
      rows(2, m) * (f + 4) +
      3 * Math.max(9 * f, fs, rows(1, m), m) +
      16;
    const scratch = this.heap.alloc(bound);
    const end = x.configure(scratch, f, way, imageSize, maxSupport, maxQuery);
    if (end > this.heap.end) throw new Error('Conv4 kernel scratch bound too small');
    this.paramCount = x.paramCount();
    if (this.paramCount !== params) throw new Error('Conv4 kernel: parameter count mismatch');
    this.theta = this.heap.alloc(this.paramCount);
  }

  static async create(
    shape: Conv4KernelShape,
    maxSupport: number,
    maxQuery: number,
    build: KernelBuild = defaultKernelBuild(),
  ): Promise<MamlConv4Kernel> {
    if (!MamlConv4Kernel.supports(shape)) throw new Error('the Conv4 kernel needs filters % 4 = 0');
    const x = await instantiateKernel<Exports>(SOURCES, build);
    return new MamlConv4Kernel(x, shape, maxSupport, maxQuery, build);
  }

  /** The engine's name in results. */
  get engineName(): string {
    return `wasm Conv4 MAML kernel (${this.build})`;
  }

  /** Sets θ from the parameter arrays (conv4ParamShapes order). */
  setParams(arrays: readonly Float32Array[]): void {
    const v = this.heap.view(this.theta, this.paramCount);
    let o = 0;
    for (const a of arrays) {
      v.set(a, o);
      o += a.length;
    }
    if (o !== this.paramCount) throw new Error('Conv4 kernel: wrong parameter arrays');
  }

  /**
   * weight · Σ over the batch's tasks of each task's meta-gradient at θ (one inner step with rate
   * alpha on every parameter; exact when secondOrder) into gradient() — weight 1/tasks (default):
   * the mean; returns the sum of the tasks' query losses.
   */
  metaGradient(
    alpha: number,
    b: Conv4Batch,
    secondOrder: boolean,
    weight = 1 / b.tasks,
  ): number {
    if (b.support > this.maxSupport || b.query > this.maxQuery)
      throw new Error('more images per task than the kernel was made for');
    const ptrs = [b.xs, b.ys, b.xq, b.yq].map((a, i) => this.input(`batch${i}`, a));
    return this.x.metaGradient(
      this.theta,
      alpha,
      b.tasks,
      b.support,
      b.query,
      ...ptrs,
      secondOrder ? 1 : 0,
      weight,
    );
  }

  /** θ as one vector (a copy), and θ set from one. */
  thetaVector(): Float32Array {
    return this.heap.view(this.theta, this.paramCount).slice();
  }

  setTheta(v: Float32Array): void {
    this.heap.view(this.theta, this.paramCount).set(v);
  }

  /** The last meta-gradient as one vector (a copy). */
  gradientVector(): Float32Array {
    return this.heap.view(this.x.gradientPtr(), this.paramCount).slice();
  }

  /**
   * gradient() += g, element by element in float32 (a JS double sum of two float32s rounds to the
   * float32 sum: 53 ≥ 2·24 + 2 bits), so a sum of groups does not depend on where it is formed.
   */
  addToGradient(g: Float32Array): void {
    const v = this.heap.view(this.x.gradientPtr(), this.paramCount);
    for (let i = 0; i < v.length; i++) v[i] += g[i];
  }

  // Scoring: θ′ of the task being adapted.
  private adapted?: number;
  /**
   * Input slots (images, labels) in kernel memory, reused across calls and grown only for a larger
   * input: the heap is a bump allocator, and a meta-batch's two groups may differ in size.
   */
  private readonly inputs = new Map<string, { ptr: number; floats: number }>();

  private input(slot: string, a: Float32Array): number {
    let r = this.inputs.get(slot);
    if (!r || r.floats < a.length) {
      r = { ptr: this.heap.alloc(a.length), floats: a.length };
      this.inputs.set(slot, r);
    }
    this.heap.view(r.ptr, a.length).set(a);
    return r.ptr;
  }

  /** θ′ ← θ: a new task's adaptation starts at the meta-parameters. */
  startAdaptation(): void {
    this.adapted ??= this.heap.alloc(this.paramCount);
    this.heap.view(this.adapted, this.paramCount).set(this.heap.view(this.theta, this.paramCount));
  }

  /** θ′ ← θ′ − α ∇L_s(θ′) on m support images (xs [m × S × S], ys one-hot); the support loss. */
  adaptStep(alpha: number, xs: Float32Array, ys: Float32Array, m: number): number {
    if (m > this.maxSupport) throw new Error('more support images than the kernel was made for');
    const px = this.input('xs', xs);
    const py = this.input('ys', ys);
    return this.x.sgdStep(this.adapted!, alpha, px, py, m);
  }

  /**
   * Logits [m × way] of m images at θ′ (batch norm on their statistics, as in training), or their
   * block-4 features [m × featureSize] (copies).
   */
  predict(x: Float32Array, m: number, features = false): Float32Array {
    if (m > this.maxQuery) throw new Error('more images than the kernel was made for');
    const ptr = this.x.predict(this.adapted!, this.input('x', x), m, features ? 1 : 0);
    const { filters, way, imageSize } = this.shape;
    const per = features ? sideAfter(imageSize, BLOCKS) ** 2 * filters : way;
    return this.heap.view(ptr, m * per).slice();
  }

  private adam?: { m: number; v: number; t: number };

  /**
   * θ ← one Adam step with the last meta-gradient (moments kept in kernel memory from the first
   * call on; the same update as src/compute/nn/adam.ts, β1 = 0.9, β2 = 0.999, ε = 1e-8).
   */
  adamStep(lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): void {
    if (!this.adam) {
      const m = this.heap.alloc(this.paramCount);
      const v = this.heap.alloc(this.paramCount);
      this.heap.view(m, this.paramCount).fill(0);
      this.heap.view(v, this.paramCount).fill(0);
      this.adam = { m, v, t: 0 };
    }
    const a = this.adam;
    a.t++;
    this.x.adamStep(this.theta, a.m, a.v, lr, b1, b2, eps, 1 - b1 ** a.t, 1 - b2 ** a.t);
  }

  /** θ, split like `like` (copies). */
  params(like: readonly { length: number }[]): Float32Array[] {
    return this.split(this.theta, like);
  }

  private split(ptr: number, like: readonly { length: number }[]): Float32Array[] {
    const v = this.heap.view(ptr, this.paramCount);
    let o = 0;
    return like.map((a) => v.slice(o, (o += a.length)));
  }

  /** The last meta-gradient, split like `like` (copies). */
  gradient(like: readonly { length: number }[]): Float32Array[] {
    return this.split(this.x.gradientPtr(), like);
  }
}
