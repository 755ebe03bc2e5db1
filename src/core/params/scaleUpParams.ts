import { choice, int } from './spec';

const T = ['theory'] as const;
const G = 'Scale up (theory is asymptotic)';

/** The scale-up experiment: the simulation at ×1, ×2, ×4, ×8 sizes, converging onto the theory. */
export const scaleUpParams = {
  scaleUpTo: choice('scaleUpTo', {
    label: 'largest scale',
    help: 'Walk the theorem’s own limit (p, nt, nr × k when p > nv·m; m × k otherwise) up to this factor and simulate each scale',
    default: '8',
    options: ['2', '4', '8'] as const,
    optionLabels: { '2': '×2', '4': '×4', '8': '×8' },
    views: T,
    group: G,
  }),
  scaleRuns: int('scaleRuns', {
    label: 'runs per scale',
    help: 'Simulation runs at each scale (exact estimator): the standard error of each gap',
    default: 2000,
    min: 100,
    max: 100000,
    step: 100,
    log: true,
    views: T,
    group: G,
  }),
};
