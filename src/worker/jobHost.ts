import { JobAbortedError, type JobContext, type JobRunner } from '../core/jobs/context';
import type { JobOutcome } from '../core/jobs/workerProtocol';

export type { JobOutcome } from '../core/jobs/workerProtocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRunner = JobRunner<any, any, any>;

interface Lane {
  running?: { id: number; controller: AbortController };
  paused: boolean;
  resumeWaiters: (() => void)[];
}

/**
 * Hosts the heavy jobs of one worker, registered by name. Each lane runs one job at a time, latest
 * wins (starting a job aborts the lane's running one); lanes are independent (pausing the sinusoid
 * grid does not pause the simulation) and share the thread at their checkpoints. Pure of tfjs and
 * DOM: testable in Node.
 */
export class JobHost {
  private runners = new Map<string, AnyRunner>();
  private lanes = new Map<string, Lane>();

  register(name: string, runner: AnyRunner): void {
    this.runners.set(name, runner);
  }

  private lane(name: string): Lane {
    let l = this.lanes.get(name);
    if (!l) this.lanes.set(name, (l = { paused: false, resumeWaiters: [] }));
    return l;
  }

  async start<J, P, R>(
    laneName: string,
    name: string,
    id: number,
    job: J,
    onPartial: (p: P) => void,
  ): Promise<JobOutcome<R>> {
    const runner = this.runners.get(name);
    if (!runner) return { status: 'error', message: `no job runner named ${name}` };
    const lane = this.lane(laneName);
    lane.running?.controller.abort();
    const controller = new AbortController();
    lane.running = { id, controller };
    lane.paused = false;
    wake(lane);
    const ctx: JobContext<P> = {
      signal: controller.signal,
      progress: (p) => {
        if (!controller.signal.aborted) onPartial(p);
      },
      checkpoint: async () => {
        await new Promise<void>((r) => setTimeout(r, 0));
        while (lane.paused && !controller.signal.aborted)
          await new Promise<void>((r) => lane.resumeWaiters.push(r));
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
      if (lane.running?.id === id) lane.running = undefined;
    }
  }

  /** Cancels the lane's running job (only if it is `id`, when given). */
  cancel(laneName: string, id?: number): void {
    const lane = this.lane(laneName);
    if (lane.running && (id === undefined || lane.running.id === id)) {
      lane.running.controller.abort();
      wake(lane);
    }
  }

  pause(laneName: string): void {
    this.lane(laneName).paused = true;
  }

  resume(laneName: string): void {
    const lane = this.lane(laneName);
    lane.paused = false;
    wake(lane);
  }
}

function wake(lane: Lane): void {
  const w = lane.resumeWaiters;
  lane.resumeWaiters = [];
  w.forEach((r) => r());
}
