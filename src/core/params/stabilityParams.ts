import { bool, choice, int, pair } from './spec';

const S = ['stability'] as const;
const GRID = 'Grid';
const TRAIN = 'Training';

/**
 * The α–β stability view (issue 4; theory.md §2). Keys start with `st` so they never collide with
 * another view's. The mixed-linear-regression setting reads the theory view's task parameters
 * (p, m, nt, nv, σ, ν, w0, ω0): it is that setting, with the outer loop trained by GD.
 */
export const stabilityParams = {
  stTask: choice('stTask', {
    label: 'Setting',
    help: 'linear: one task y = a·x + b, full-batch GD (paper §5.1); sinusoid: MLP 1-40-40-1 (§5.2); mixed: mixed linear regression, outer loop by GD over (αt, β)',
    default: 'linear',
    options: ['linear', 'sinusoid', 'mixed'] as const,
    optionLabels: {
      linear: 'linear regression (one task)',
      sinusoid: 'sinusoid regression (MLP)',
      mixed: 'mixed linear regression (outer GD)',
    },
    views: S,
    group: TRAIN,
  }),
  stOrder: choice('stOrder', {
    label: 'MAML gradient',
    help: 'second-order: exact MAML gradient through the inner step; first-order: ∂θ′/∂θ ≈ I (the paper’s simplified MAML)',
    default: 'second-order',
    options: ['second-order', 'first-order'] as const,
    optionLabels: { 'second-order': 'exact (second order)', 'first-order': 'first order' },
    views: S,
    group: TRAIN,
  }),
  stHalf: bool('stHalf', {
    label: 'loss = ½ MSE',
    help: 'Scale of the squared-error loss: ½ mean (off: plain mean, the reading that puts α_c inside the paper’s Fig. 3 range)',
    default: false,
    views: S,
    group: TRAIN,
  }),
  stIters: int('stIters', {
    label: 'iterations',
    help: 'Outer-loop iterations per grid cell',
    default: 500,
    min: 1,
    max: 20000,
    step: 1,
    log: true,
    views: S,
    group: TRAIN,
  }),
  stPoints: int('stPoints', {
    label: 'points (linear)',
    help: 'Data points of the single linear-regression task (x ~ U[−5, 5])',
    default: 10,
    min: 2,
    max: 1000,
    step: 1,
    views: S,
    group: TRAIN,
  }),
  stTasks: int('stTasks', {
    label: 'tasks per meta-batch (sinusoid)',
    help: 'Sinusoid tasks drawn per SGD iteration, each with 10 support and 10 query points (cost grows linearly: 1 keeps the 20 × 20 grid near 20 s on wasm)',
    default: 1,
    min: 1,
    max: 100,
    step: 1,
    views: S,
    group: TRAIN,
  }),
  stSeed: int('stSeed', {
    label: 'seed',
    help: 'Seed of the task, data and initialization draws of this view',
    default: 1,
    min: 0,
    max: 2147483647,
    step: 1,
    views: S,
    group: TRAIN,
  }),
  stAlpha: pair('stAlpha', {
    label: 'α range (inner)',
    help: 'Inner learning rate α (αt in the mixed setting) from a to b; may be negative (log axis needs a, b > 0)',
    default: [1e-5, 9e-2],
    min: -10,
    max: 10,
    step: 1e-5,
    views: S,
    group: GRID,
  }),
  stBeta: pair('stBeta', {
    label: 'β range (outer)',
    help: 'Outer (meta) learning rate β from a to b',
    default: [5e-3, 9],
    min: 0,
    max: 1000,
    step: 1e-4,
    views: S,
    group: GRID,
  }),
  stAlphaAxis: choice('stAlphaAxis', {
    label: 'α axis',
    help: 'Spacing of the α cells (log needs a positive range; otherwise linear is used)',
    default: 'log',
    options: ['log', 'linear'] as const,
    views: S,
    group: GRID,
  }),
  stBetaAxis: choice('stBetaAxis', {
    label: 'β axis',
    help: 'Spacing of the β cells',
    default: 'log',
    options: ['log', 'linear'] as const,
    views: S,
    group: GRID,
  }),
  stAlphaCells: int('stAlphaCells', {
    label: 'α cells',
    help: 'Number of α values in the grid',
    default: 40,
    min: 2,
    max: 200,
    step: 1,
    views: S,
    group: GRID,
  }),
  stBetaCells: int('stBetaCells', {
    label: 'β cells',
    help: 'Number of β values in the grid',
    default: 40,
    min: 2,
    max: 200,
    step: 1,
    views: S,
    group: GRID,
  }),
};
