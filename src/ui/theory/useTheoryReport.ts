import { useEffect, useMemo, useReducer } from 'react';
import type { Params } from '../../core/params';
import { computeTheoryReport, theorySettingOf, type TheoryReport } from '../../core/theoryReport';
import { primeTraces, tracesAreSlow } from '../../core/theory';
import { pureWorker } from '../pureWorker';

/**
 * The theory report for the current parameters, computed synchronously on every input event —
 * except the one-time Wishart precompute at large p, which runs in a worker so the page never
 * freezes; meanwhile the report is null (the view says it is computing, and draws nothing stale).
 */
export function useTheoryReport(params: Params): TheoryReport | null {
  const [version, bump] = useReducer((x: number) => x + 1, 0);
  const setting = theorySettingOf(params);
  const slow = tracesAreSlow(setting);
  const slowKey = slow ? JSON.stringify(setting) : null;
  useEffect(() => {
    if (!slowKey) return;
    const s = JSON.parse(slowKey) as typeof setting;
    let live = true;
    void pureWorker()
      .traces(s)
      .then((t) => {
        primeTraces(s, t);
        if (live) bump();
      });
    return () => {
      live = false;
    };
  }, [slowKey]);
  // `version` re-runs the memo once the worker has primed the traces.
  return useMemo(() => (slow ? null : computeTheoryReport(params)), [params, slow, version]); // eslint-disable-line react-hooks/exhaustive-deps
}
