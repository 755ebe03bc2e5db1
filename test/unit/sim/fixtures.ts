import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SimJob, SimParams } from '../../../src/core/sim/types';
import { testSimParams } from '../../simParams';

export interface ReferenceSimulation {
  id: string;
  params: Pick<SimParams, 'nt' | 'nv' | 'nr' | 'm' | 'p' | 'sigma' | 'nu' | 'w0' | 'omega0'>;
  estimator: 'exact' | 'mc';
  alpha_t: number;
  alpha_r: number;
  mean: number;
  stderr: number;
}

/** The shared reference values (same location the CLI tests read them from). */
const reference = JSON.parse(
  readFileSync(resolve(process.cwd(), '../shared/reference/reference-values.json'), 'utf8'),
) as { values: (ReferenceSimulation & { kind: string })[] };

export const referenceSimulations = reference.values.filter((v) => v.kind === 'simulation');

export const fig2: SimParams = testSimParams({
  nt: 30,
  nr: 20,
  m: 3,
  p: 60,
  sigma: 1,
  seed: 7,
  alphaT: 0.2,
  runs: 100,
  testTasks: 100,
  testPoints: 50,
});

export function jobOf(
  params: Partial<SimParams>,
  sweepAlphaT: number[] = [],
  sweepAlphaR: number[] = [],
): SimJob {
  return { params: { ...fig2, ...params }, sweepAlphaT, sweepAlphaR };
}
