/** Names of the nonlinear view's jobs in the compute worker (no tfjs: the page imports this). */
export const NONLINEAR_JOBS = {
  learnedRates: 'nl-learned-rates',
  fig5: 'nl-fig5',
  metaSgd: 'nl-metasgd',
  probe: 'nl-probe',
} as const;
