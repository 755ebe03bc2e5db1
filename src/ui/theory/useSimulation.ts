import { useMemo } from 'react';
import { simJobOf, simJobSpec } from '../../core/sim/job';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';

/** The live simulation of the current parameters (started and cancelled by the job sync). */
export function useSimulation() {
  const params = useApp((s) => s.params);
  const job = useMemo(() => simJobOf(params), [params]);
  return { ...useJob(simJobSpec, job), job };
}
