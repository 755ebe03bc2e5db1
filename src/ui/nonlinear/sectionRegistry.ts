import { createContext, useContext, useEffect } from 'react';
import type { JobState } from '../../state/jobController';
import type { NonlinearRuns, NonlinearSection, SectionRun } from '../../core/nonlinear/reportShape';

/**
 * Each panel's job as the panel last drew it, for the view's CSV / JSON export. A mutable map read
 * on click, so a panel's partial results do not re-render the other panels.
 */
export type SectionRegistry = Map<NonlinearSection, SectionRun<unknown, unknown>>;

export const SectionRegistryContext = createContext<SectionRegistry | null>(null);

export function useExportedSection<K extends NonlinearSection>(
  section: K,
  job: JobState<unknown, unknown>,
) {
  const registry = useContext(SectionRegistryContext);
  // After every render: the export holds exactly what the panel shows.
  useEffect(() => {
    registry?.set(section, {
      status: job.status,
      partial: job.partial,
      result: job.result,
      error: job.error,
      seconds: job.status === 'done' ? job.activeMs / 1000 : null,
      backend: job.backend,
    });
  });
  useEffect(() => () => void registry?.delete(section), [registry, section]);
}

export const registeredRuns = (registry: SectionRegistry) =>
  Object.fromEntries(registry) as NonlinearRuns;
