import { useMemo } from 'react';
import stored from '../gallery/computedThumbnails.json';
import type { ComputedThumbnailFile } from '../gallery/computedThumbnails';
import { describeFig5 } from '../../core/fig5/describeFig5';
import { fig5Spec } from '../../core/fig5/job';
import { parseLink } from '../../core/params';

/**
 * What the explorer found at the paper's own Fig. 5 setting: the stored CLI run behind the
 * `fig5-paper` gallery thumbnail (its link, date, time and engine), described exactly as a live run
 * (describeFig5: paired standard errors over runs). Shown whatever the current parameters are,
 * labelled as that stored run, so a reader of a quick run sees the paper-scale answer beside it.
 */
export function Fig5PaperResult() {
  const entry = (stored as ComputedThumbnailFile).thumbnails['nonlinear/fig5-paper'];
  const text = useMemo(() => {
    if (!entry || entry.data.kind !== 'fig5' || !entry.data.perRun || entry.reduce) return null;
    const st = fig5Spec.fromParams(parseLink(entry.query).params)!.job.setting;
    const d = entry.data;
    const r = { ...d, meanTestLoss: d.mean, flattenedAt: d.flattenedAt ?? null, perRun: d.perRun! };
    // "At the paper's setting, converged: …" — the label is already the line's lead.
    return describeFig5(r, st).statement.replace(/^At the paper's setting, /, '');
  }, [entry]);
  if (!text || !entry) return null;
  const minutes = Math.round(entry.seconds / 60);
  return (
    <p className="nl-explain" data-testid="fig5-paper-result">
      <strong>At the paper&apos;s setting</strong> (the <code>fig5-paper</code> preset, run by{' '}
      <code>npm run repro</code> on {entry.generated.slice(0, 10)}, {minutes} min on {entry.backend}
      ): {text}
    </p>
  );
}
