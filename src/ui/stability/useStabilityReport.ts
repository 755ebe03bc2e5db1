import { useEffect, useMemo, useState } from 'react';
import type { Params } from '../../core/params';
import { pureStabilityReport, type StabilityReport } from '../../core/stability/report';
import { pureWorker } from '../pureWorker';

/**
 * The linear/mixed stability grid for the current parameters. Linear regression takes
 * milliseconds and is computed in place; the mixed-regression grid (~1 s) runs in the pure worker,
 * and until its answer for exactly these parameters arrives the report is null (nothing stale is
 * drawn). Null for the sinusoid setting, which trains in the compute worker.
 */
export function useStabilityReport(params: Params): StabilityReport | null {
  const mode = params.stTask === 'linear' ? 'sync' : params.stTask === 'mixed' ? 'worker' : 'none';
  const sync = useMemo(
    () => (mode === 'sync' ? pureStabilityReport(params) : null),
    [params, mode],
  );
  const key = mode === 'worker' ? JSON.stringify(params) : null;
  const [answer, setAnswer] = useState<{ key: string; report: StabilityReport } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    void pureWorker()
      .stabilityReport(JSON.parse(key) as Params)
      .then((report) => {
        if (live) setAnswer({ key, report });
      });
    return () => {
      live = false;
    };
  }, [key]);
  if (mode === 'sync') return sync;
  return answer && answer.key === key ? answer.report : null;
}
