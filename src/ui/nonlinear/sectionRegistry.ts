import { createContext, useContext, useEffect } from 'react';
import type { NonlinearRuns, NonlinearSection, SectionRun } from '../../core/nonlinear/reportShape';

/**
 * Each panel's job as the panel last drew it, for the view's CSV / JSON export. A mutable map read
 * on click, so a panel's partial results do not re-render the other panels.
 */
export type SectionRegistry = Map<NonlinearSection, SectionRun<unknown, unknown>>;

export const SectionRegistryContext = createContext<SectionRegistry | null>(null);

export function useExportedSection<K extends NonlinearSection>(
  section: K,
  run: NonlinearRuns[K] & object,
) {
  const registry = useContext(SectionRegistryContext);
  // After every render: the export holds exactly what the panel shows.
  useEffect(() => {
    registry?.set(section, run as SectionRun<unknown, unknown>);
  });
  useEffect(() => () => void registry?.delete(section), [registry, section]);
}

export const registeredRuns = (registry: SectionRegistry) =>
  Object.fromEntries(registry) as NonlinearRuns;
