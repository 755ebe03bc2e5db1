import { useMemo } from 'react';
import { fig5Spec } from '../../core/fig5/job';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { describeFig5, PAPER_FIG5_CLAIM } from '../../core/fig5/describeFig5';
import { fig5Differences } from '../../core/fig5/paperDiff';
import { flatteningStatement } from '../../core/stats/flattening';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';
import { Fig5PaperResult } from './Fig5PaperResult';

/** Mean and standard error of the finite values (the runs scored so far). */
function meanSe(v: readonly (number | null)[]): [number, number] {
  const x = v.filter((y): y is number => y !== null && Number.isFinite(y));
  if (!x.length) return [NaN, NaN];
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const se =
    x.length > 1
      ? Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1) / x.length)
      : 0;
  return [m, se];
}

/** Bernacchia Fig. 5: test loss vs αt of a 2-layer ReLU network trained by exact MAML. */
export function Fig5Panel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => fig5Spec.fromParams(params)!, [params]);
  const spec = request.job;
  const job = useJob(fig5Spec, request);
  useExportedSection('fig5', job);
  const st = spec.setting;
  const r = job.result;
  const p = job.partial;
  const progress = job.progress?.phase ?? `networks 0/${st.alphas.length * st.runs}`;
  const differences = fig5Differences(st);
  const described = r ? describeFig5(r, st) : null;
  // While running: the test loss of the runs scored so far (all αt of a run finish together).
  const partialStats = !r && p ? p.perRun.map(meanSe) : null;
  const scored = partialStats?.some(([m]) => Number.isFinite(m));
  const data: Data[] = r
    ? [
        {
          x: r.alphas,
          y: r.meanTestLoss,
          error_y: { type: 'data', array: r.stderr, visible: true },
          mode: 'lines+markers',
          name: `test loss (mean ± SE over ${st.runs} runs)`,
          line: { color: COLORS.sim },
          type: 'scatter',
        },
        {
          x: [r.bestAlpha],
          y: [r.meanTestLoss[r.alphas.indexOf(r.bestAlpha)]],
          mode: 'markers',
          marker: { symbol: 'star', size: 14, color: COLORS.optimum },
          name: `best αt = ${fmt(r.bestAlpha, 3)}`,
          type: 'scatter',
        },
      ]
    : p && scored
      ? [
          {
            x: st.alphas,
            y: partialStats!.map(([m]) => m),
            error_y: { type: 'data', array: partialStats!.map(([, s]) => s), visible: true },
            mode: 'lines+markers',
            name: `test loss so far (${p.modelsDone}/${p.models} networks)`,
            line: { color: COLORS.neutral },
            type: 'scatter',
          },
        ]
      : p
        ? [
            {
              x: st.alphas,
              y: p.trainLoss,
              mode: 'lines+markers',
              name: 'meta-training loss (live)',
              line: { color: COLORS.neutral },
              type: 'scatter',
            },
          ]
        : [];
  const curveData: Data[] = r
    ? [
        ...r.curve.perAlpha.map((c, a): Data => ({
          x: r.curve.epochs,
          y: c,
          mode: 'lines',
          name: `αt = ${fmt(r.alphas[a], 3)}`,
          line: { width: 1 },
          opacity: 0.45,
          showlegend: false,
          type: 'scatter',
        })),
        {
          x: r.curve.epochs,
          y: r.curve.mean,
          mode: 'lines',
          name: 'mean over all networks',
          line: { color: COLORS.sim, width: 3 },
          type: 'scatter',
        },
      ]
    : [];
  return (
    <section className="nl-panel" aria-label="Nonlinear regression" data-testid="fig5">
      <h2>
        Nonlinear regression (Fig. 5): y = (wᵀx + b)² + z, ReLU net {st.p}-{st.width}-{st.width}-1
      </h2>
      <JobButtons id="fig5" job={job} detail={progress} />
      <p className="nl-explain">
        {st.alphas.length} values of αt × {st.runs} runs = {st.alphas.length * st.runs} networks,
        each trained by exact (second-order) MAML{st.firstOrder ? ' — here first-order' : ''}:{' '}
        {st.epochs} epochs of outer-loop gradient descent, lr {st.outerLr}, on m = {st.m} fixed
        tasks per run, then adapted with αr = {st.alphaR} on {st.testTasks} new tasks.{' '}
        {PAPER_FIG5_CLAIM}
      </p>
      <div className="nl-explain" data-testid="fig5-differences">
        {differences.length === 0 ? (
          <p>This is the paper&apos;s setting.</p>
        ) : (
          <>
            <p>
              What differs from the paper (a reduced setting: its answer is not the paper&apos;s):
            </p>
            <ul>
              {differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <Fig5PaperResult />
      {(r || p) && (
        <Plot
          testId="plot-fig5"
          data={data}
          layout={{
            title: {
              text: r
                ? 'Test loss vs training rate αt'
                : job.status === 'cancelled'
                  ? 'Cancelled: results when stopped'
                  : job.status === 'paused'
                    ? 'Paused: results so far'
                    : 'Training…',
            },
            xaxis: { title: { text: 'αt' }, zeroline: true },
            yaxis: { title: { text: r || scored ? 'test loss' : 'meta-training loss' } },
            height: 380,
            margin: { t: 40, r: 20, b: 40, l: 60 },
          }}
          summary={described ? described.statement : 'Fig. 5 sweep in progress'}
        />
      )}
      {described && (
        <p
          className="nl-finding"
          data-testid="fig5-statement"
          data-best={r!.bestAlpha}
          data-agreement={described.agreement}
          data-paper-scale={described.paperScale}
          data-converged={described.converged}
        >
          {described.statement}
        </p>
      )}
      {r && (
        <>
          <Plot
            testId="plot-fig5-training"
            data={curveData}
            layout={{
              title: { text: 'Meta-training loss vs epoch' },
              xaxis: { title: { text: 'epoch' } },
              yaxis: { title: { text: 'meta-training loss' }, type: 'log' },
              height: 300,
              margin: { t: 40, r: 20, b: 40, l: 60 },
              ...(r.flattenedAt !== null
                ? {
                    shapes: [
                      {
                        type: 'line',
                        x0: r.flattenedAt,
                        x1: r.flattenedAt,
                        yref: 'paper',
                        y0: 0,
                        y1: 1,
                        line: { dash: 'dot', color: COLORS.optimum },
                      },
                    ],
                  }
                : {}),
            }}
            summary={flatteningStatement(r.flattenedAt, st.epochs)}
          />
          <p
            className="nl-explain"
            data-testid="fig5-flattened"
            data-flattened={r.flattenedAt ?? ''}
          >
            {flatteningStatement(r.flattenedAt, st.epochs)} Ran in {r.seconds.toFixed(1)} s on{' '}
            {r.engine ?? r.backend}
            {r.shards > 1 ? ` (${r.shards} workers)` : ''}.
          </p>
        </>
      )}
    </section>
  );
}
