import { useMemo } from 'react';
import { metaSgdSpec } from '../../core/metaSgd/jobs';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import type { LayerRateStats } from '../../core/metaSgd/rateStatistics';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';

/** Histogram traces of one layer: negative and positive bins in different colours. */
function layerBars(s: LayerRateStats, row: number): Data[] {
  const centres = s.edges.slice(0, -1).map((e, k) => (e + s.edges[k + 1]) / 2);
  const part = (neg: boolean): Data => ({
    x: centres.filter((c) => c < 0 === neg),
    y: s.counts.filter((_, k) => centres[k] < 0 === neg),
    type: 'bar',
    name: `${s.name} ${neg ? '< 0' : '≥ 0'}`,
    marker: { color: neg ? COLORS.theory : COLORS.sim },
    xaxis: 'x',
    yaxis: row === 0 ? 'y' : `y${row + 1}`,
    showlegend: row === 0,
  });
  return [part(true), part(false)];
}

/** Meta-SGD on an MLP: live per-layer histograms of the learned rates and a Table-1-style table. */
export function MetaSgdPanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => metaSgdSpec.fromParams(params)!, [params]);
  const spec = request.job;
  const job = useJob(metaSgdSpec, request);
  useExportedSection('metaSgd', job);
  const stats = job.result?.rateStats ?? job.partial?.rateStats ?? [];
  const it = job.partial?.iteration ?? 0;
  // After the last iteration the job still trains MAML and scores both: say so (the phase).
  const progress =
    job.progress?.phase ??
    `iteration ${it}/${spec.iterations}${job.partial ? `, meta-loss ${fmt(job.partial.loss, 3)}` : ''}`;
  const n = Math.max(1, stats.length);
  const layout: Record<string, unknown> = {
    title: { text: 'Learned per-parameter rates per layer (blue: negative, orange: positive)' },
    barmode: 'overlay',
    height: 140 + 120 * n,
    // Coupled: the rows share the rate axis, each layer has its own count axis.
    grid: { rows: n, columns: 1, pattern: 'coupled' },
    xaxis: { title: { text: 'learned rate' }, zeroline: true },
    margin: { t: 40, r: 20, b: 40, l: 60 },
  };
  stats.forEach((s, i) => {
    layout[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = { title: { text: s.name } };
  });
  const r = job.result;
  return (
    <section className="nl-panel" aria-label="Meta-SGD learned rates" data-testid="metasgd">
      <h2>Meta-SGD on {spec.task === 'sinusoid' ? 'sinusoid regression' : 'the Fig. 5 task'}</h2>
      <JobButtons id="metasgd" job={job} detail={progress} />
      {stats.length > 0 && (
        <>
          <Plot
            testId="plot-metasgd-hist"
            data={stats.flatMap((s, i) => layerBars(s, i))}
            layout={layout}
            summary={stats.map((s) => `${s.name}: ${fmt(s.mean, 3)} ± ${fmt(s.std, 3)}`).join('; ')}
          />
          <table className="nl-table" data-testid="metasgd-table">
            <thead>
              <tr>
                <th>layer</th>
                <th>mean</th>
                <th>std. dev.</th>
                <th>negative</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.name} data-mean={s.mean}>
                  <td>{s.name}</td>
                  <td>{fmt(s.mean, 3)}</td>
                  <td>{fmt(s.std, 3)}</td>
                  <td>{Math.round(100 * s.negativeFraction)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {r && (
        <p className="nl-finding">
          Test loss after one adaptation step on new tasks: Meta-SGD{' '}
          {fmt(r.metaTestLoss.metaSgd, 4)}
          {r.metaTestLoss.maml !== null &&
            `, MAML (αt fixed at ${spec.alphaInit}) ${fmt(r.metaTestLoss.maml, 4)}`}
          . Starshak&apos;s Mini-ImageNet network learned negative mean rates in every convolutional
          layer and a positive one in the output layer (Table 1); this table shows what this network
          learned here.
        </p>
      )}
    </section>
  );
}
