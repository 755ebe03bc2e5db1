import { describe, expect, test } from 'vitest';
import type { JobContext } from '../../../src/core/jobs/context';
import { JobHost } from '../../../src/worker/jobHost';

const slowRunner = async (job: { steps: number }, ctx: JobContext<number>) => {
  let i = 0;
  for (; i < job.steps; i++) {
    await ctx.checkpoint();
    ctx.progress(i);
  }
  return i;
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobHost (worker side): lanes, latest wins, pause, resume', () => {
  test('starting a job cancels the lane’s running one; pause holds it at a checkpoint', async () => {
    const host = new JobHost();
    host.register('slow', slowRunner);
    const seen: number[] = [];
    const first = host.start('a', 'slow', 1, { steps: 1e6 }, () => {});
    const second = host.start('a', 'slow', 2, { steps: 50 }, (p: number) => seen.push(p));
    expect(await first).toEqual({ status: 'cancelled' });
    expect(await second).toEqual({ status: 'done', result: 50 });
    expect(seen).toHaveLength(50);

    let count = 0;
    const third = host.start('a', 'slow', 3, { steps: 30 }, () => (count += 1));
    host.pause('a');
    await tick(50);
    const atPause = count;
    await tick(50);
    expect(count).toBe(atPause);
    host.resume('a');
    expect(await third).toEqual({ status: 'done', result: 30 });
    expect(await host.start('a', 'nope', 4, {}, () => {})).toMatchObject({ status: 'error' });
  });

  test('lanes are independent: a job in one lane neither cancels nor pauses another', async () => {
    const host = new JobHost();
    host.register('slow', slowRunner);
    let b = 0;
    const inA = host.start('a', 'slow', 1, { steps: 1e6 }, () => {});
    const inB = host.start('b', 'slow', 2, { steps: 40 }, () => (b += 1));
    host.pause('a');
    expect(await inB).toEqual({ status: 'done', result: 40 });
    expect(b).toBe(40);
    host.cancel('b'); // nothing running there: must not touch lane a
    host.resume('a');
    host.cancel('a', 999); // another id: ignored
    await tick(20);
    host.cancel('a', 1);
    expect(await inA).toEqual({ status: 'cancelled' });
  });

  test('a runner that throws is reported as an error, not as cancelled', async () => {
    const host = new JobHost();
    host.register('boom', async () => {
      throw new Error('kernel failed');
    });
    expect(await host.start('a', 'boom', 1, {}, () => {})).toEqual({
      status: 'error',
      message: 'kernel failed',
    });
  });
});
