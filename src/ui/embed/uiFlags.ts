import { useMemo } from 'react';
import { useApp } from '../../state/store';

/**
 * Presentation flags from the link (src/core/params/uiParams.ts): `hide=` names panels
 * (controls, readout, sim, explain, export, pins) and controls (by link key) to leave out.
 */
export function useHidden(): ReadonlySet<string> {
  const hide = useApp((s) => s.params.hide);
  return useMemo(() => new Set(hide ? hide.split(',') : []), [hide]);
}

/** Text and plot scale of projector mode. */
export const PROJECTOR_SCALE = 1.5;

export function useFontScale(): number {
  return useApp((s) => (s.params.projector ? PROJECTOR_SCALE : 1));
}
