/**
 * Independent parts of a job ("shards": grid cells, runs) on several threads at once. A shard task
 * is a plain async function of (job, items, report); it runs in a worker thread of its own (a Web
 * Worker in the page, a worker_thread in Node) or, for tests and single-core hosts, in this thread.
 *
 * Flow control doubles as pause: a shard posts a report and waits for its ack; the coordinator
 * acks once every shard has sent that report and its own checkpoint has passed (which waits while
 * the user has paused and throws once cancelled). Cancel terminates the threads at once. An ack
 * may carry a reply: a shard that serves requests (conv4Group: a share of each meta-batch) gets
 * its next request that way.
 */
import type { CellsReport } from '../stability/sinusoidCells';
import type { SinusoidGridJob } from '../../core/stability/sinusoidTypes';
import type { Fig5Setting } from '../../core/fig5/quadraticRegression';
import type { Fig5ModelOut } from '../fig5/fig5Sweep';
import type { Conv4GroupCommand, Conv4GroupJob, Conv4GroupReport } from '../omniglot/kernelGroups';

/**
 * A share of a Fig. 5 sweep: networks (indices a·runs + r) trained on the wasm MAML kernel
 * (`kernel`: no tfjs at all) or on tfjs `backend`.
 */
export interface Fig5ShardJob {
  setting: Fig5Setting;
  backend: Fig5ShardBackend;
  testChunk?: number;
  curvePoints?: number;
}
export type Fig5ShardBackend = 'kernel' | 'wasm' | 'cpu';
export type Fig5ShardReport =
  | { type: 'backend'; name: string }
  | { type: 'training'; k: number; epoch: number; loss: number }
  | { type: 'scored'; out: Fig5ModelOut };

/** What each kind of shard takes, reports and is replied (the worker entries dispatch on `kind`). */
export interface ShardKinds {
  sinusoidCells: { job: SinusoidGridJob; report: CellsReport; reply: void };
  fig5Models: { job: Fig5ShardJob; report: Fig5ShardReport; reply: void };
  conv4Group: { job: Conv4GroupJob; report: Conv4GroupReport; reply: Conv4GroupCommand };
}
export type ShardKind = keyof ShardKinds;

export interface ShardRequest<K extends ShardKind = ShardKind> {
  kind: K;
  job: ShardKinds[K]['job'];
  items: number[];
}

/** Messages from a shard thread. */
export type ShardMessage =
  { type: 'report'; report: unknown } | { type: 'done' } | { type: 'error'; message: string };

export interface ShardPool {
  /** How many shards run at once (threads). */
  readonly size: number;
  readonly label: string;
  /** Runs one shard; `onReport` resolves (with the reply) when the shard may go on. */
  run<K extends ShardKind>(
    request: ShardRequest<K>,
    onReport: (r: ShardKinds[K]['report']) => Promise<ShardKinds[K]['reply']>,
    signal: AbortSignal,
  ): Promise<void>;
}

/** A thread that speaks the shard protocol (Web Worker or worker_thread, adapted). */
export interface ShardThread {
  post(msg: unknown): void;
  onMessage(handler: (msg: ShardMessage) => void): void;
  onError(handler: (err: Error) => void): void;
  terminate(): void;
}

/** A pool of `size` threads made by `spawn`, one per shard run. */
export function threadPool(size: number, label: string, spawn: () => ShardThread): ShardPool {
  return {
    size,
    label,
    run: (request, onReport, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const thread = spawn();
        const finish = (err?: unknown) => {
          signal.removeEventListener('abort', abort);
          thread.terminate();
          if (err === undefined) resolve();
          else reject(err);
        };
        const abort = () => finish(signal.reason ?? new Error('aborted'));
        signal.addEventListener('abort', abort);
        thread.onError((e) => finish(e));
        thread.onMessage((msg) => {
          if (msg.type === 'done') finish();
          else if (msg.type === 'error') finish(new Error(msg.message));
          else
            onReport(msg.report as never).then(
              (reply) => thread.post({ type: 'ack', reply }),
              (e) => finish(e),
            );
        });
        thread.post({ type: 'start', request });
      }),
  };
}

/**
 * The shard side of the protocol, shared by both worker entries: runs the task named by the start
 * message, posting each report and waiting for its ack.
 */
export function serveShard(
  post: (msg: ShardMessage) => void,
  onMessage: (
    handler: (msg: { type: string; request?: ShardRequest; reply?: unknown }) => void,
  ) => void,
  /** Sets up what a kind needs in this thread first (tfjs and its backend for fig5Models). */
  prepare: (request: ShardRequest) => Promise<void> = async () => {},
): void {
  let ack: ((reply: unknown) => void) | null = null;
  onMessage((msg) => {
    if (msg.type === 'ack') {
      const a = ack;
      ack = null;
      a?.(msg.reply);
    } else if (msg.type === 'start' && msg.request) {
      const request = msg.request;
      prepare(request)
        .then(() =>
          runShard(request, (report) => {
            post({ type: 'report', report });
            return new Promise<unknown>((r) => (ack = r));
          }),
        )
        .then(
          () => post({ type: 'done' }),
          (e: unknown) =>
            post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
        );
    }
  });
}

/** Runs a shard request in this thread. */
export async function runShard(
  request: ShardRequest,
  report: (r: unknown) => Promise<unknown>,
  afterIteration?: () => Promise<void>,
): Promise<void> {
  switch (request.kind) {
    case 'sinusoidCells': {
      const { trainSinusoidCells } = await import('../stability/sinusoidCells');
      return trainSinusoidCells(
        request.job as SinusoidGridJob,
        request.items,
        report as (r: CellsReport) => Promise<void>,
        afterIteration,
      );
    }
    case 'conv4Group': {
      const { serveConv4Group } = await import('../omniglot/kernelGroups');
      return serveConv4Group(
        request.job as Conv4GroupJob,
        report as (r: Conv4GroupReport) => Promise<Conv4GroupCommand>,
      );
    }
    case 'fig5Models': {
      // Progress only, no flow control: its reports are not waited on.
      const job = request.job as Fig5ShardJob;
      const tell = (r: Fig5ShardReport) => void report(r);
      const hooks = {
        checkpoint: afterIteration ?? (() => new Promise<void>((r) => setTimeout(r, 0))),
        training: (k: number, epoch: number, loss: number) =>
          tell({ type: 'training', k, epoch, loss }),
        scored: (out: Fig5ModelOut) => tell({ type: 'scored', out }),
      };
      if (job.backend === 'kernel') {
        const { trainAndScoreModelsOnKernel } = await import('../fig5/fig5Kernel');
        await trainAndScoreModelsOnKernel(job.setting, request.items, hooks, {
          curvePoints: job.curvePoints,
          onEngine: (name) => tell({ type: 'backend', name }),
        });
        return;
      }
      const [tf, { trainAndScoreModels }] = await Promise.all([
        import('@tensorflow/tfjs-core'),
        import('../fig5/fig5Sweep'),
      ]);
      tell({ type: 'backend', name: tf.getBackend() });
      await trainAndScoreModels(job.setting, request.items, hooks, job);
      return;
    }
  }
}

/** Shards run one after another's awaits in this thread (tests; hosts without workers). */
export function inThreadPool(
  size = 1,
  checkpoint: () => Promise<void> = async () => {},
): ShardPool {
  return {
    size,
    label: 'this thread',
    run: (request, onReport, signal) =>
      runShard(request, onReport as (r: unknown) => Promise<unknown>, async () => {
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        await checkpoint();
      }),
  };
}
