import { learnedRatesSpec } from '../../core/metaSgd/jobs';
import type { TrajectorySummary } from '../../core/metaSgd/learnedRatesTypes';
import { useMemo } from 'react';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import type { TrajectoryKind } from '../../core/metaSgd/learnedRateTrajectories';
import { bestAdaptationRate } from '../../core/metaSgd/linearTasks';
import { linearSettingFromParams } from '../../core/nonlinear/nonlinearSettings';
import { eq8AlphaTStationaryPoints } from '../../core/theory';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';

const KIND = {
  freshTasks: { label: 'Meta-SGD, fresh tasks every step', color: COLORS.sim },
  fixedTasks: { label: 'Meta-SGD, fixed m tasks', color: COLORS.accent },
  testHyperGradient: { label: 'test-loss hyper-gradient', color: COLORS.theory },
} satisfies Record<TrajectoryKind, { label: string; color: string }>;

/** A reference line that spans the plot whatever the step range: drawn on a [0, 1] overlay axis. */
const hline = (y: number, color: string, name: string): Data => ({
  x: [0, 1],
  y: [y, y],
  xaxis: 'x2',
  mode: 'lines',
  line: { color, dash: 'dash', width: 1.5 },
  name,
  type: 'scatter',
});

/** Learned scalar αt in mixed linear regression: three objectives, three destinations. */
export function LearnedRatesPanel() {
  const params = useApp((s) => s.params);
  // Keyed by value: a change to another panel's parameter must not restart this job. Cheap
  // enough (pure Float64, tens of seconds) that the job sync starts it by itself ('auto').
  const request = useMemo(() => learnedRatesSpec.fromParams(params)!, [params]);
  const job = useJob(learnedRatesSpec, request);
  useExportedSection('learnedRates', job);
  const st = linearSettingFromParams(params);
  const over = st.p > st.nv * st.m;
  const eq8 = over ? eq8AlphaTStationaryPoints(st.p, st.nt).minus : null;
  const best = bestAdaptationRate(st.nu * st.nu, st.p, st.nt, st.sigma);

  const trajectories: TrajectorySummary[] =
    job.result?.trajectories ?? job.partial?.trajectories ?? [];
  const scalar = trajectories.filter((t) => !t.perParameter);
  const perParam = trajectories.filter((t) => t.perParameter);
  const sim = job.result?.simulatedOptimum ?? null;

  const data: Data[] = [
    ...scalar.map((t): Data => ({
      x: t.points.map((p) => p.step),
      y: t.points.map((p) => p.alphaMean),
      mode: 'lines',
      name: KIND[t.kind].label,
      line: { color: KIND[t.kind].color, width: 2 },
      type: 'scatter',
    })),
    ...(eq8 !== null ? [hline(eq8, COLORS.optimum, `Eq. 8 αt⁻ = ${fmt(eq8, 4)}`)] : []),
    hline(best, COLORS.current, `best adaptation rate (nt points) = ${fmt(best, 3)}`),
    ...(sim
      ? [hline(sim.argmin, COLORS.neutral, `simulated optimum = ${fmt(sim.argmin, 3)}`)]
      : []),
  ];
  const layout = {
    title: { text: 'Learned scalar αt during training' },
    xaxis: { title: { text: 'outer step' }, type: 'log' as const },
    xaxis2: { overlaying: 'x' as const, range: [0, 1], visible: false },
    yaxis: { title: { text: 'αt' }, zeroline: true },
    height: 420,
    legend: { orientation: 'h' as const, y: -0.25 },
    margin: { t: 40, r: 20, b: 40, l: 60 },
  };

  const stats = job.result?.perParameterStats ?? [];
  const histData: Data[] = stats.map((s) => ({
    x: s.edges.slice(0, -1).map((e, k) => (e + s.edges[k + 1]) / 2),
    y: s.counts,
    type: 'bar',
    opacity: 0.6,
    name: KIND[s.name as TrajectoryKind]?.label ?? s.name,
    marker: { color: KIND[s.name as TrajectoryKind]?.color },
  }));

  const done = scalar.length + perParam.length;
  const progress = done < 6 ? `trajectory ${done + 1} of 6…` : 'simulated optimum of αt…';
  return (
    <section className="nl-panel" aria-label="Learned learning rates" data-testid="learned-rates">
      <h2>
        Learned αt in mixed linear regression (p = {st.p}, m = {st.m}, nt = {st.nt}, nv = {st.nv})
      </h2>
      <JobButtons id="learned" job={job} detail={progress} />
      <Plot
        testId="plot-learned-alpha"
        data={data}
        layout={layout}
        summary={`Learned αt: ${scalar.map((t) => `${KIND[t.kind].label} ends at ${fmt(t.final.mean, 3)}`).join('; ')}`}
      />
      {scalar.length > 0 && (
        <table className="nl-table" data-testid="learned-table">
          <thead>
            <tr>
              <th>objective</th>
              <th>final αt (scalar)</th>
              <th>mean of per-parameter rates</th>
            </tr>
          </thead>
          <tbody>
            {scalar.map((t) => {
              const pp = perParam.find((q) => q.kind === t.kind);
              return (
                <tr key={t.kind} data-kind={t.kind} data-value={t.final.mean}>
                  <td>{KIND[t.kind].label}</td>
                  <td>
                    {fmt(t.final.mean, 3)} ± {fmt(t.final.stderr, 2)}
                  </td>
                  <td>{pp ? fmt(pp.final.mean, 3) : '…'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="nl-explain">
        What a learned rate converges to depends on what it optimizes. <b>Fresh tasks every step</b>
        : on average Meta-SGD then minimizes the loss after one adaptation step, so αt drifts to a
        positive, good <i>adaptation</i> rate (noise in ω pushes it a little higher).{' '}
        <b>A fixed set of m tasks</b> with p &gt; nv·m: the outer loop can fit the meta-training
        data exactly for any αt; once the meta-training loss is zero nothing moves αt any more, and
        it stays wherever it was.
        <b> The test loss of the trained meta-parameters</b> (hyper-gradient through the exact
        outer-loop solution, averaged over fresh meta-training draws) is what the negative rate
        helps: it finds αt near Eq. 8&apos;s αt⁻
        {eq8 !== null ? ` = ${fmt(eq8, 4)}` : ''}
        {sim ? ` (simulated optimum ${fmt(sim.argmin, 3)} ± ${fmt(sim.argminStderr, 2)})` : ''}. The
        negative rate counters the outer loop overfitting a finite set of tasks — a benefit that
        neither training objective sees.
      </p>
      {histData.length > 0 && (
        <Plot
          testId="plot-learned-hist"
          data={histData}
          layout={{
            title: { text: 'Per-parameter learned rates (one per coordinate), end of training' },
            barmode: 'overlay',
            xaxis: { title: { text: 'rate' }, zeroline: true },
            yaxis: { title: { text: 'parameters' } },
            height: 320,
            margin: { t: 40, r: 20, b: 40, l: 60 },
          }}
          summary={`Per-parameter rates: ${stats.map((s) => `${s.name} mean ${fmt(s.mean, 3)}, ${Math.round(100 * s.negativeFraction)} % negative`).join('; ')}`}
        />
      )}
    </section>
  );
}
