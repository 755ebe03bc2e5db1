import stored from '../../../docs/results/fig4a-paper-3-seeds.json';

interface Fig4aSeeds {
  query: string;
  seeds: number[];
  verdicts: string[];
  log10NearEdgeOverSmallestAlpha: { perSeed: number[]; mean: number; se: number };
  seconds: number[];
  engine: string;
}

/**
 * What the explorer found at the paper's own Fig. 4a setting over seeds: the committed
 * `npm run paper:fig4a` result (docs/results/fig4a-paper-3-seeds.json), shown beside any run and
 * labelled as that stored run, so one seed (or a reduced grid) is never the only answer in view.
 */
export function SinusoidPaperResult() {
  const r = stored as Fig4aSeeds;
  const { mean, se } = r.log10NearEdgeOverSmallestAlpha;
  const minutes = r.seconds.reduce((a, b) => a + b, 0) / r.seconds.length / 60;
  return (
    <p data-testid="stability-paper-result">
      <strong>At the paper&apos;s setting</strong> ({r.seeds.length} seeds, <code>fig4a</code>{' '}
      preset, stored run of <code>npm run paper:fig4a</code>, {minutes.toFixed(1)} min per seed on{' '}
      {r.engine}): verdicts {r.verdicts.join(', ')}; log10 (largest stable β near the edge / at the
      smallest α) = {mean.toFixed(2)} ± {se.toFixed(2)} (mean ± SE over seeds) —{' '}
      {Math.abs(mean) < 2 * se
        ? 'no effect beyond noise.'
        : mean > 0
          ? 'a larger stable β near the edge, as the paper claims.'
          : 'a smaller stable β near the edge, against the paper.'}
    </p>
  );
}
