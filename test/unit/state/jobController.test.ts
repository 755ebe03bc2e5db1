/**
 * The page's one job controller, against a fake worker client that runs jobs on timers in this
 * process (the real client is tested in the browser and end to end).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { JobSpec } from '../../../src/core/jobs/spec';
import { jobKey } from '../../../src/core/jobs/spec';
import { createJobController, type JobController } from '../../../src/state/jobController';
import { WorkerLostError, type WorkerClient } from '../../../src/state/workerClient';
import { startJobSync } from '../../../src/state/jobSync';
import { createAppStore } from '../../../src/state/store';

interface Count {
  steps: number;
  tag: string;
}
interface Step {
  i: number;
  steps: number;
  tag: string;
}

const spec: JobSpec<Count, Step, { total: number; tag: string }> = {
  name: 'count',
  lane: 'count',
  worker: 'compute',
  start: 'manual',
  views: ['theory'],
  fromParams: () => null,
  progress: (s) => ({ done: s.i, total: s.steps }),
};

/** A worker client whose jobs take one step per 10 ms of fake time, with lanes like the real one. */
function fakeClient(opts: { failWith?: () => Error } = {}) {
  const lanes = new Map<string, { settle(v: 'cancelled'): void; paused: boolean; id: number }>();
  let nextId = 0;
  const runs: string[] = [];
  const client: WorkerClient = {
    run<R>(lane: string, _name: string, job: unknown, onPartial: (p: unknown) => void) {
      lanes.get(lane)?.settle('cancelled');
      const { steps, tag } = job as Count;
      runs.push(tag);
      const id = ++nextId;
      return new Promise<R | 'cancelled'>((resolve, reject) => {
        const me = { settle: resolve, paused: false, id };
        lanes.set(lane, me);
        let i = 0;
        const step = () => {
          if (lanes.get(lane)?.id !== id) return;
          if (me.paused) return void setTimeout(step, 10);
          i += 1;
          if (opts.failWith && i === 3) {
            lanes.delete(lane);
            return reject(opts.failWith());
          }
          onPartial({ i, steps, tag, backend: 'fake' });
          if (i >= steps) {
            lanes.delete(lane);
            resolve({ total: i, tag } as R);
          } else setTimeout(step, 10);
        };
        setTimeout(step, 10);
      });
    },
    cancel: (lane) => {
      lanes.get(lane)?.settle('cancelled');
      lanes.delete(lane);
    },
    pause: (lane) => void (lanes.get(lane) && (lanes.get(lane)!.paused = true)),
    resume: (lane) => void (lanes.get(lane) && (lanes.get(lane)!.paused = false)),
    api: () => {
      throw new Error('not used');
    },
    dispose: () => {},
  };
  return { client, runs };
}

let controller: JobController | undefined;
afterEach(() => {
  controller?.dispose();
  vi.useRealTimers();
});

function setup(fake = fakeClient()) {
  vi.useFakeTimers();
  controller = createJobController({
    clients: { compute: () => fake.client, pure: () => fake.client },
    debounceMs: 50,
    throttleMs: 0,
    now: () => Date.now(),
  });
  return { c: controller, fake };
}

describe('job controller', () => {
  test('runs a job to done with progress, an ETA while running, and the time it finished', async () => {
    const { c } = setup();
    c.run(spec, { steps: 10, tag: 'a' });
    expect(c.get('count')).toMatchObject({ status: 'running', partial: null });
    await vi.advanceTimersByTimeAsync(50 + 45);
    const mid = c.get('count');
    expect(mid.progress).toEqual({ done: 4, total: 10 });
    expect(mid.etaMs).toBeGreaterThan(0);
    expect(mid.backend).toBe('fake');
    await vi.advanceTimersByTimeAsync(200);
    const done = c.get('count');
    expect(done.status).toBe('done');
    expect(done.result).toEqual({ total: 10, tag: 'a' });
    expect(done.etaMs).toBeNull();
    expect(done.endedAt).not.toBeNull();
    expect(done.activeMs).toBeGreaterThanOrEqual(100);
  });

  test('latest wins: a new job cancels the lane’s old one, and no stale partial is delivered', async () => {
    const { c, fake } = setup();
    const seen: string[] = [];
    c.store.subscribe((s) => {
      const p = s.count?.partial as Step | null;
      if (p) seen.push(`${s.count.key === jobKey(spec, { steps: p.steps, tag: p.tag })}`);
    });
    c.run(spec, { steps: 100, tag: 'old' });
    await vi.advanceTimersByTimeAsync(100);
    c.run(spec, { steps: 5, tag: 'new' });
    // At once: the lane belongs to the new job, with nothing of the old one.
    expect(c.get('count')).toMatchObject({
      key: jobKey(spec, { steps: 5, tag: 'new' }),
      partial: null,
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(c.get('count').result).toEqual({ total: 5, tag: 'new' });
    expect(seen.every((ok) => ok === 'true')).toBe(true);
    expect(fake.runs).toEqual(['old', 'new']);
  });

  test('debounce: a burst of requests starts only the last job', async () => {
    const { c, fake } = setup();
    for (let k = 0; k < 5; k++) c.run(spec, { steps: 3, tag: `t${k}` });
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.runs).toEqual(['t4']);
    expect(c.get('count').status).toBe('done');
  });

  test('the same job again is a no-op unless forced', async () => {
    const { c, fake } = setup();
    c.run(spec, { steps: 3, tag: 'a' });
    await vi.advanceTimersByTimeAsync(200);
    c.run(spec, { steps: 3, tag: 'a' });
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.runs).toEqual(['a']);
    c.run(spec, { steps: 3, tag: 'a' }, { force: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.runs).toEqual(['a', 'a']);
  });

  test('pause holds progress and the ETA; resume continues; paused time is not compute time', async () => {
    const { c } = setup();
    c.run(spec, { steps: 20, tag: 'a' });
    await vi.advanceTimersByTimeAsync(50 + 55);
    c.pause('count');
    const at = (c.get('count').progress as { done: number }).done;
    expect(c.get('count')).toMatchObject({ status: 'paused', etaMs: null });
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.get('count').progress!.done).toBeLessThanOrEqual(at + 1);
    c.resume('count');
    await vi.advanceTimersByTimeAsync(400);
    const s = c.get('count');
    expect(s.status).toBe('done');
    expect(s.activeMs).toBeLessThan(600);
  });

  test('paused during the debounce, a job starts paused', async () => {
    const { c } = setup();
    c.run(spec, { steps: 5, tag: 'a' });
    c.pause('count');
    await vi.advanceTimersByTimeAsync(500);
    expect(c.get('count')).toMatchObject({ status: 'paused', partial: null });
    c.resume('count');
    await vi.advanceTimersByTimeAsync(200);
    expect(c.get('count').status).toBe('done');
  });

  test('cancel says cancelled and keeps the last partial of that job', async () => {
    const { c } = setup();
    c.run(spec, { steps: 50, tag: 'a' });
    await vi.advanceTimersByTimeAsync(100);
    c.cancel('count');
    const s = c.get('count');
    expect(s.status).toBe('cancelled');
    expect((s.partial as Step).tag).toBe('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.get('count').status).toBe('cancelled');
  });

  test('a spec’s final() sets what is kept from the result (a late last partial is not needed)', async () => {
    const { c } = setup();
    const withFinal = {
      ...spec,
      final: (r: { total: number; tag: string }) => ({
        i: r.total,
        steps: r.total,
        tag: `${r.tag}!`,
      }),
    };
    c.run(withFinal, { steps: 4, tag: 'a' });
    await vi.advanceTimersByTimeAsync(200);
    expect(c.get('count').partial).toEqual({ i: 4, steps: 4, tag: 'a!' });
    expect(c.get('count').progress).toEqual({ done: 4, total: 4 });
  });

  test('a failure is reported with its message', async () => {
    const { c } = setup(fakeClient({ failWith: () => new Error('kernel failed') }));
    c.run(spec, { steps: 10, tag: 'a' });
    await vi.advanceTimersByTimeAsync(200);
    expect(c.get('count')).toMatchObject({ status: 'failed', error: 'kernel failed' });
  });

  test('a lost worker is replaced and the job re-run, with a notice; then reported failed', async () => {
    const { c, fake } = setup(
      fakeClient({ failWith: () => new WorkerLostError('worker crashed') }),
    );
    c.run(spec, { steps: 10, tag: 'a' });
    await vi.advanceTimersByTimeAsync(85);
    expect(c.get('count').status).toBe('running');
    expect(c.get('count').notice).toMatch(/lost.*re-ran/);
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.runs).toEqual(['a', 'a', 'a']); // two restarts, then it gives up
    expect(c.get('count')).toMatchObject({ status: 'failed', error: 'worker crashed' });
  });
});

describe('job sync: parameters → jobs, whatever view is shown', () => {
  const auto: JobSpec<{ p: number }, Step, unknown> = {
    name: 'count',
    lane: 'auto',
    worker: 'compute',
    start: 'auto',
    views: ['stability'],
    fromParams: (p) =>
      (p.stTask === 'linear' ? null : { p: p.p, steps: 30, tag: `p${p.p}` }) as never,
    progress: (s) => ({ done: s.i, total: s.steps }),
  };

  test('starts on its view, keeps running and its result across view switches, restarts on its own parameters', async () => {
    const { c, fake } = setup();
    const app = createAppStore('view=theory&stTask=sinusoid');
    const stop = startJobSync(app, c, [auto]);
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.runs).toEqual([]); // not on its view yet
    app.getState().setParam('view', 'stability');
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.runs).toEqual(['p60']);
    const key = c.get('auto').key;
    app.getState().setParam('view', 'theory'); // look elsewhere: still running
    await vi.advanceTimersByTimeAsync(100);
    expect(c.get('auto')).toMatchObject({ key, status: 'running' });
    await vi.advanceTimersByTimeAsync(400);
    app.getState().setParam('view', 'stability'); // come back: done, not restarted
    await vi.advanceTimersByTimeAsync(100);
    expect(c.get('auto')).toMatchObject({ key, status: 'done' });
    expect(fake.runs).toEqual(['p60']);
    app.getState().setParam('p', 61); // its own parameter: a new job
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.runs).toEqual(['p60', 'p61']);
    app.getState().setParam('stTask', 'linear'); // experiment off: cancelled
    expect(c.get('auto').status).toBe('cancelled');
    stop();
  });

  test('an auto job the user cancelled is not restarted by another job’s parameter', async () => {
    const { c, fake } = setup();
    const app = createAppStore('view=stability&stTask=sinusoid');
    const stop = startJobSync(app, c, [auto]);
    await vi.advanceTimersByTimeAsync(100);
    c.cancel('auto');
    app.getState().setParam('alphaT', -1); // not this job's parameter
    await vi.advanceTimersByTimeAsync(500);
    expect(c.get('auto').status).toBe('cancelled');
    expect(fake.runs).toEqual(['p60']);
    stop();
  });

  test('a parameter change of a manual job cancels it even on another view', async () => {
    const { c } = setup();
    const manual = { ...auto, lane: 'manual', start: 'manual' as const };
    const app = createAppStore('view=stability&stTask=sinusoid');
    const stop = startJobSync(app, c, [manual]);
    c.run(manual, manual.fromParams(app.getState().params));
    await vi.advanceTimersByTimeAsync(100);
    app.getState().setParam('view', 'theory');
    app.getState().setParam('p', 70);
    expect(c.get('manual').status).toBe('cancelled');
    stop();
  });
});
