/**
 * A meta-batch on the Conv4 kernel as two fixed groups of tasks — the first ⌈T/2⌉ and the rest —
 * each weighted 1/T, their gradients summed: g = g_A + g_B, whether this thread computes both or
 * a second thread (a `conv4Group` shard with a kernel instance of its own) computes g_B while this
 * one computes g_A. The grouping, not the number of threads, decides the rounding, so a link gives
 * the same numbers on one core as on two. Tasks are independent (batch norm uses each task's own
 * statistics), so nothing else crosses the groups.
 */
import {
  MamlConv4Kernel,
  type Conv4Batch,
  type Conv4KernelShape,
} from '../kernels/mamlConv4Kernel';
import type { KernelBuild } from '../kernels/wasmKernel';
import type { ShardPool } from '../shards/shardPool';

export interface Conv4GroupJob {
  shape: Conv4KernelShape;
  maxSupport: number;
  maxQuery: number;
  /** The main thread's build: relaxed SIMD's fused multiply-adds round differently. */
  build: KernelBuild;
}

export interface GroupRequest {
  theta: Float32Array;
  batch: Conv4Batch;
  alpha: number;
  secondOrder: boolean;
  weight: number;
}
export type Conv4GroupCommand = ({ type: 'gradient' } & GroupRequest) | { type: 'stop' };
export type Conv4GroupReport =
  { type: 'ready' } | { type: 'gradient'; lossSum: number; gradient: Float32Array };

/** The shard: a kernel instance serving gradient requests until told to stop. */
export async function serveConv4Group(
  job: Conv4GroupJob,
  report: (r: Conv4GroupReport) => Promise<Conv4GroupCommand>,
): Promise<void> {
  const kernel = await MamlConv4Kernel.create(job.shape, job.maxSupport, job.maxQuery, job.build);
  let cmd = await report({ type: 'ready' });
  while (cmd.type === 'gradient') {
    kernel.setTheta(cmd.theta);
    const lossSum = kernel.metaGradient(cmd.alpha, cmd.batch, cmd.secondOrder, cmd.weight);
    cmd = await report({ type: 'gradient', lossSum, gradient: kernel.gradientVector() });
  }
}

/** The first group's size for a meta-batch of `tasks` (the second has the rest, maybe none). */
export const firstGroupSize = (tasks: number) => Math.ceil(tasks / 2);

/** The second group's thread, one request at a time; `ready` once its kernel is instantiated. */
export class GroupThread {
  ready = false;
  /** Gradients the thread has computed. */
  served = 0;
  /** Resolves true once ready, false if the thread failed first. */
  readonly whenReady: Promise<boolean>;
  private settle: (ok: boolean) => void = () => {};
  private reply: ((c: Conv4GroupCommand) => void) | null = null;
  private waiting: { resolve: (r: Conv4GroupReport) => void; reject: (e: unknown) => void } | null =
    null;
  private failure: unknown = null;
  private readonly abort = new AbortController();

  constructor(pool: ShardPool, job: Conv4GroupJob) {
    this.whenReady = new Promise((r) => (this.settle = r));
    pool
      .run(
        { kind: 'conv4Group', job, items: [] },
        (r) => {
          if (r.type === 'ready') {
            this.ready = true;
            this.settle(true);
          }
          if (r.type === 'gradient') this.served++;
          const w = this.waiting;
          this.waiting = null;
          w?.resolve(r);
          return new Promise<Conv4GroupCommand>((res) => (this.reply = res));
        },
        this.abort.signal,
      )
      .then(
        () => this.fail(new Error('the Conv4 group thread stopped')),
        (e: unknown) => this.fail(e),
      );
  }

  private fail(e: unknown) {
    this.ready = false;
    this.settle(false);
    this.failure = e;
    this.waiting?.reject(e);
    this.waiting = null;
  }

  /** g_B and the group's loss sum (only once ready). */
  gradient(req: GroupRequest): Promise<{ lossSum: number; gradient: Float32Array }> {
    if (!this.ready || !this.reply) return Promise.reject(this.failure ?? new Error('not ready'));
    const send = this.reply;
    this.reply = null;
    return new Promise((resolve, reject) => {
      this.waiting = {
        resolve: (r) => (r.type === 'gradient' ? resolve(r) : reject(new Error(r.type))),
        reject,
      };
      send({ type: 'gradient', ...req });
    });
  }

  stop() {
    this.reply?.({ type: 'stop' });
    this.reply = null;
    this.ready = false;
    this.abort.abort();
  }
}

/**
 * The meta-gradient of groups A and B (B may be null: one group) into kernel.gradient(), each task
 * weighted 1/T; returns the mean query loss. B runs on `peer` when it is ready, else here after A.
 */
export async function groupedMetaGradient(
  kernel: MamlConv4Kernel,
  alpha: number,
  a: Conv4Batch,
  b: Conv4Batch | null,
  secondOrder: boolean,
  peer?: GroupThread,
): Promise<number> {
  const tasks = a.tasks + (b?.tasks ?? 0);
  const weight = 1 / tasks;
  if (!b) return kernel.metaGradient(alpha, a, secondOrder, weight) / tasks;
  const remote = peer?.ready
    ? peer.gradient({ theta: kernel.thetaVector(), batch: b, alpha, secondOrder, weight })
    : null;
  // The request leaves in a promise reaction (the pool posts when our reply resolves): one
  // microtask turn lets it go before this thread's synchronous kernel call.
  if (remote) await Promise.resolve();
  const lossA = kernel.metaGradient(alpha, a, secondOrder, weight);
  // g_B from the peer; if it has none (not ready, or its thread failed), g_A is kept aside while
  // this kernel computes g_B: the same sum either way
  let other = remote ? await remote.catch(() => null) : null;
  if (!other) {
    const gA = kernel.gradientVector();
    other = { lossSum: kernel.metaGradient(alpha, b, secondOrder, weight), gradient: gA };
  }
  kernel.addToGradient(other.gradient);
  return (lossA + other.lossSum) / tasks;
}
