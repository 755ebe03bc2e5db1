import { JobAbortedError, type JobContext, type JobRunner } from '../core/jobs/context';

/**
 * Hosts the heavy jobs of the page, one at a time, latest wins: starting a job aborts the running
 * one. Runners are registered by name ('sim' here; 'stability', 'nonlinear' by their features), so
 * one worker serves every view. Pure of tfjs and DOM: testable in Node.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

export type JobOutcome<R> =
  { status: 'done'; result: R } | { status: 'cancelled' } | { status: 'error'; message: string };

export class JobHost {
  private runners = new Map<string, AnyRunner>();
  private running: { id: number; controller: AbortController } | undefined;
  private paused = false;
  private resumeWaiters: (() => void)[] = [];

  register(name: string, runner: AnyRunner): void {
    this.runners.set(name, runner);
  }

  async start<J, P, R>(
    name: string,
    id: number,
    job: J,
    onPartial: (p: P) => void,
  ): Promise<JobOutcome<R>> {
    const runner = this.runners.get(name);
    if (!runner) return { status: 'error', message: `no job runner named ${name}` };
    this.running?.controller.abort();
    const controller = new AbortController();
    this.running = { id, controller };
    this.paused = false;
    this.wakeUp();
    const ctx: JobContext<P> = {
      signal: controller.signal,
      progress: (p) => {
        if (!controller.signal.aborted) onPartial(p);
      },
      checkpoint: async () => {
        await new Promise<void>((r) => setTimeout(r, 0));
        while (this.paused && !controller.signal.aborted)
          await new Promise<void>((r) => this.resumeWaiters.push(r));
        if (controller.signal.aborted) throw new JobAbortedError();
      },
    };
    try {
      const result = (await runner(job, ctx)) as R;
      return controller.signal.aborted ? { status: 'cancelled' } : { status: 'done', result };
    } catch (e) {
      if (controller.signal.aborted || (e instanceof Error && e.name === 'AbortError'))
        return { status: 'cancelled' };
      return { status: 'error', message: e instanceof Error ? e.message : String(e) };
    } finally {
      if (this.running?.id === id) this.running = undefined;
    }
  }

  /** Cancels the running job (only if it is `id`, when given). */
  cancel(id?: number): void {
    if (this.running && (id === undefined || this.running.id === id)) {
      this.running.controller.abort();
      this.wakeUp();
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.resumeWaiters;
    this.resumeWaiters = [];
    w.forEach((r) => r());
  }
}
