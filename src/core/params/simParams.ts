import { choice, int } from './spec';

const T = ['theory'] as const;
const G = 'Simulation';

/** Monte-Carlo simulation of the MAML experiment (theory.md §1), run beside the theory curves. */
export const simParams = {
  runs: int('runs', {
    label: 'runs',
    help: 'Simulation runs per point (each: new meta-training draw, exact outer solution, test loss)',
    default: 1000,
    min: 10,
    max: 100000,
    step: 10,
    log: true,
    views: T,
    group: G,
  }),
  estimator: choice('estimator', {
    label: 'Test-loss estimator',
    help: 'exact: exact conditional expectation of the test loss given ω*; mc: paper style, test tasks × test points',
    default: 'exact',
    options: ['exact', 'mc'] as const,
    optionLabels: { exact: 'exact conditional expectation', mc: 'paper style (sampled)' },
    views: T,
    group: G,
  }),
  testTasks: int('testTasks', {
    label: 'test tasks',
    help: 'New tasks per run for the paper-style estimator',
    default: 100,
    min: 1,
    max: 10000,
    step: 1,
    log: true,
    views: T,
    group: G,
  }),
  testPoints: int('testPoints', {
    label: 'test points',
    help: 'Scored points per test task for the paper-style estimator',
    default: 50,
    min: 1,
    max: 10000,
    step: 1,
    log: true,
    views: T,
    group: G,
  }),
  backend: choice('backend', {
    label: 'Compute backend',
    help: 'TensorFlow.js backend of the simulation worker: auto picks WebGPU (hardware), then webgl, wasm, cpu',
    default: 'auto',
    options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const,
    views: T,
    group: G,
  }),
};
