import { afterAll, describe, expect, test } from 'vitest';
import { simulateRunsCpu } from '../../../src/core/sim/cpuSimulation';
import { accumulateRuns, createAccumulators } from '../../../src/core/sim/lossCoefficients';
import { covariancesForSim } from '../../../src/core/sim/simCovariances';
import type { SimJob, SimPartial, SimParams } from '../../../src/core/sim/types';
import { simJobKey } from '../../../src/core/sim/types';
import { createSimWorkerClient as createSimClient } from '../../../src/state/simWorkerClient';
import { testSimParams } from '../../simParams';

const params: SimParams = testSimParams();
const job = (over: Partial<SimParams> = {}): SimJob => ({
  params: { ...params, ...over },
  sweepAlphaT: [-1, 0, 1],
  sweepAlphaR: [0, 0.5],
  backend: 'webgpu',
});

const sim = createSimClient();
afterAll(() => sim.dispose());

describe('simulation worker (WebGPU on SwiftShader, requested explicitly)', () => {
  test('backend=webgpu is honoured on a software adapter; auto would skip it', async () => {
    const info = await sim.backendInfo('webgpu');
    expect(info.name).toBe('webgpu');
    expect(info.isFallbackAdapter).toBe(true);
  });

  test('streams partials tagged with the job key, up to the target runs, matching the CPU path', async () => {
    const j = job();
    const partials: SimPartial[] = [];
    const result = await sim.start(j, (p) => partials.push(p));
    if (result === 'cancelled') throw new Error('unexpectedly cancelled');
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.every((p) => p.jobKey === simJobKey(j) && p.backend === 'webgpu')).toBe(true);
    const done = partials.map((p) => p.runsDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(result.runsDone).toBe(40);
    expect(result.alphaT).toHaveLength(3);
    expect(result.alphaR).toHaveLength(2);
    const cpu = simulateRunsCpu(j, covariancesForSim(j.params), 0, 40);
    const acc = createAccumulators(j);
    accumulateRuns(j, cpu, acc);
    const want = acc.map((a) => a.stats());
    [result.current, ...result.alphaT, ...result.alphaR].forEach((s, i) => {
      expect(s.n).toBe(40);
      expect(Math.abs(s.mean - want[i].mean)).toBeLessThan(1e-3 * want[i].mean);
    });
  });

  test('latest wins: a new job cancels the running one at once; pause and resume', async () => {
    const first = sim.start(job({ runs: 100000 }), () => {});
    const second = sim.start(job({ seed: 6 }), () => {});
    expect(await first).toBe('cancelled');
    const r = await second;
    expect(r === 'cancelled' ? 0 : r.runsDone).toBe(40);

    let seen = 0;
    const paused = sim.start(job({ seed: 7, runs: 120 }), () => (seen += 1));
    sim.pause();
    const before = seen;
    await new Promise((r) => setTimeout(r, 600));
    expect(seen - before).toBeLessThanOrEqual(1); // at most the chunk in flight
    sim.resume();
    const out = await paused;
    expect(out === 'cancelled' ? 0 : out.runsDone).toBe(120);
  });

  test('tfjs tensor count returns to its baseline after 100 cancelled jobs', async () => {
    const baseline = await sim.numTensors();
    for (let i = 0; i < 100; i++) {
      const run = sim.start(job({ seed: 100 + i, runs: 100000 }), () => {});
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 30)); // let some get into a chunk
      sim.cancel();
      expect(await run).toBe('cancelled');
    }
    // Let the worker finish the chunk it was in and abort.
    await sim.start(job({ runs: 10 }), () => {});
    expect(await sim.numTensors()).toBe(baseline);
  });
});
