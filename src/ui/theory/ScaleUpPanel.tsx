import { useMemo } from 'react';
import { scaledKeys, scaleUpSpec, type ScaleUpPoint } from '../../core/sim/scaleUp';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { Plot } from '../plot/Plot';
import type { Data } from '../plot/plotly';
import { COLORS, fmt } from '../theme';

/**
 * The scale-up experiment: the simulation at ×1, ×2, ×4, ×8 along the theorem's own limit, and
 * the relative gap to the theory at each scale with ±1 SE bars, converging onto zero.
 */
export function ScaleUpPanel() {
  const params = useApp((s) => s.params);
  const job = useMemo(() => scaleUpSpec.fromParams(params), [params]);
  const run = useJob(scaleUpSpec, job);
  const keys = scaledKeys(params);
  const points: (Omit<ScaleUpPoint, 'sizes'> & { live?: boolean })[] = [
    ...((run.result ?? run.partial)?.points ?? []),
    ...(run.status !== 'done' && run.partial?.live ? [{ ...run.partial.live, live: true }] : []),
  ].filter((p) => p.gap !== null);
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'simulation − theory (±1 SE)',
      x: points.map((p) => p.scale),
      y: points.map((p) => 100 * p.gap!),
      error_y: { type: 'data', array: points.map((p) => 100 * p.gapSe!), visible: true },
      marker: {
        color: COLORS.sim,
        size: 9,
        symbol: points.map((p) => (p.live ? 'circle-open' : 'circle')),
      },
      line: { color: COLORS.sim },
    } as Data,
  ];
  const detail = run.progress?.phase ?? 'starting…';
  const what =
    keys.length === 1
      ? 'm (tasks) × k: Theorem 2’s limit'
      : 'p, nt and nr × k with nv and m fixed: Theorem 1’s limit (nv·m/p shrinks)';
  return (
    <section className="scale-up" aria-label="Scale up" data-testid="scale-up">
      <h2>Scale up: is the gap a finite-size effect?</h2>
      <p className="muted">
        Simulates the current rates ({params.scaleRuns} runs per scale, exact estimator) at ×1, ×2,
        ×4 … ×{params.scaleUpTo}, growing {what}, each against the theory at that scale.
      </p>
      <JobButtons id="scaleup" job={run} detail={detail} />
      {points.length > 0 && (
        <Plot
          testId="plot-scale-up"
          data={data}
          layout={{
            title: { text: 'Relative gap to the theory vs scale' },
            xaxis: { title: { text: 'scale k' }, type: 'log', tickvals: [1, 2, 4, 8] },
            yaxis: { title: { text: '(simulation − theory) / theory, %' }, zeroline: true },
            height: 320,
            margin: { t: 40, r: 20, b: 50, l: 70 },
          }}
          summary={`Relative gap at scales ${points.map((p) => `×${p.scale}: ${fmt(100 * p.gap!, 3)} % ± ${fmt(100 * p.gapSe!, 2)} %`).join('; ')}.`}
        />
      )}
    </section>
  );
}
