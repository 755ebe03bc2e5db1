import type { SimParams } from '../src/core/sim/types';

/**
 * Simulation parameters for tests: a small isotropic setting (p = 12, 2 tasks) that runs in moments,
 * even on SwiftShader, with `over` on top.
 */
export function testSimParams(over: Partial<SimParams> = {}): SimParams {
  return {
    p: 12,
    m: 2,
    nt: 6,
    nv: 2,
    nr: 5,
    sigma: 0.5,
    nu: 0.5,
    w0: 0,
    omega0: 0,
    cov: 'iso',
    sx: [0.25, 1.75],
    sw: [1.75, 0.25],
    seed: 5,
    alphaT: 0.3,
    alphaR: 0.2,
    runs: 40,
    estimator: 'exact',
    testTasks: 4,
    testPoints: 10,
    ...over,
  };
}
