import { describe, expect, test } from 'vitest';
import { directContext } from '../../../src/core/jobs/context';
import { cpuSimEngine, type SimEngine } from '../../../src/compute/sim/simEngine';
import { runSimulationWith, type SimEngineHost } from '../../../src/compute/sim/simulate';
import { simJobKey, type SimPartial } from '../../../src/core/sim/types';
import { jobOf } from './fixtures';

const cpuHost: SimEngineHost = {
  engine: async () => cpuSimEngine,
  fallback: async (_f, e) => {
    throw e;
  },
};

describe('simulation job runner', () => {
  test('streams growing partials tagged with the job key and ends at the target runs', async () => {
    const job = jobOf({ runs: 200 }, [-1, 0, 1], [0.1]);
    const partials: SimPartial[] = [];
    const result = await runSimulationWith(
      cpuHost,
      job,
      directContext((p) => partials.push(p)),
    );
    expect(partials.length).toBeGreaterThan(1);
    expect(partials[0].runsDone).toBeLessThanOrEqual(8); // first points after a small chunk
    for (const p of partials) expect(p.jobKey).toBe(simJobKey(job));
    expect(result.runsDone).toBe(200);
    expect(result.current.n).toBe(200);
    expect(result.alphaT.map((s) => s.n)).toEqual([200, 200, 200]);
    expect(result.alphaR).toHaveLength(1);
  });

  test('job keys differ whenever a parameter that changes the numbers differs', () => {
    const a = jobOf({}, [0, 1]);
    expect(simJobKey(a)).toBe(simJobKey(jobOf({}, [0, 1])));
    for (const change of [
      { seed: 2 },
      { runs: 99 },
      { estimator: 'mc' as const },
      { alphaR: 0.3 },
      { p: 61 },
    ])
      expect(simJobKey(jobOf(change, [0, 1]))).not.toBe(simJobKey(a));
    expect(simJobKey(jobOf({}, [0, 2]))).not.toBe(simJobKey(a));
    expect(simJobKey({ ...a, backend: 'wasm' })).not.toBe(simJobKey(a));
  });

  test('an engine that fails mid-job (device lost) hands over to the next one; the numbers do not change', async () => {
    const job = jobOf({ runs: 120 }, [-0.5, 0.5]);
    let calls = 0;
    const flaky: SimEngine = {
      name: 'webgpu',
      simulateRuns: async (...args) => {
        if (++calls === 3) throw new Error('device lost');
        return cpuSimEngine.simulateRuns(...args);
      },
    };
    const host: SimEngineHost = {
      engine: async () => flaky,
      fallback: async (failed, e) => ({
        engine: cpuSimEngine,
        notice: `${failed.name} failed (${String(e)})`,
      }),
    };
    const got = await runSimulationWith(host, job, directContext());
    const want = await runSimulationWith(cpuHost, job, directContext());
    expect(got.backend).toBe('cpu');
    expect(got.notice).toContain('device lost');
    expect(got.current).toEqual(want.current);
    expect(got.alphaT).toEqual(want.alphaT);
  });

  test('cancelling stops the job at the next chunk', async () => {
    const controller = new AbortController();
    let partials = 0;
    const run = runSimulationWith(
      cpuHost,
      jobOf({ runs: 100000 }),
      directContext(() => {
        partials += 1;
        if (partials === 2) controller.abort();
      }, controller.signal),
    );
    await expect(run).rejects.toThrow('job cancelled');
    expect(partials).toBe(2);
  });
});
