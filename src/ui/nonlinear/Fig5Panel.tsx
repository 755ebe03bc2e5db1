import { useMemo } from 'react';
import { fig5Spec } from '../../core/fig5/job';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { describeFig5, PAPER_FIG5_BEST_ALPHA } from '../../core/fig5/describeFig5';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';

/** Bernacchia Fig. 5: test loss vs αt of a 2-layer ReLU network trained by MAML, all αt at once. */
export function Fig5Panel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => fig5Spec.fromParams(params)!, [params]);
  const spec = request.job;
  const job = useJob(fig5Spec, request);
  useExportedSection('fig5', job);
  const st = spec.setting;
  const r = job.result;
  const p = job.partial;
  const progress = job.progress?.phase ?? `epoch 0/${st.epochs}`;
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
  return (
    <section className="nl-panel" aria-label="Nonlinear regression" data-testid="fig5">
      <h2>
        Nonlinear regression (Fig. 5): y = (wᵀx + b)² + z, ReLU net {st.p}-{st.width}-{st.width}-1
      </h2>
      <JobButtons id="fig5" job={job} detail={progress} />
      <p className="nl-explain">
        {st.alphas.length} values of αt × {st.runs} runs = {st.alphas.length * st.runs} networks,
        trained together as one batched computation ({st.epochs} epochs of outer-loop gradient
        descent, lr {st.outerLr}, on m = {st.m} fixed tasks per run), then adapted with αr ={' '}
        {st.alphaR} on {st.testTasks} new tasks. The paper (width 400, 5000 epochs, 10 runs, 1000
        test tasks) found its best αt at {PAPER_FIG5_BEST_ALPHA}.
      </p>
      {(r || p) && (
        <Plot
          testId="plot-fig5"
          data={data}
          layout={{
            title: {
              text: r
                ? 'Test loss vs training rate αt'
                : job.status === 'cancelled'
                  ? 'Cancelled: meta-training loss when stopped'
                  : job.status === 'paused'
                    ? 'Paused: meta-training loss so far'
                    : 'Training…',
            },
            xaxis: { title: { text: 'αt' }, zeroline: true },
            yaxis: { title: { text: r ? 'test loss' : 'meta-training loss' } },
            height: 380,
            margin: { t: 40, r: 20, b: 40, l: 60 },
          }}
          summary={r ? describeFig5(r).statement : 'Fig. 5 sweep in progress'}
        />
      )}
      {r && (
        <p className="nl-finding" data-testid="fig5-statement" data-best={r.bestAlpha}>
          {describeFig5(r).statement}
        </p>
      )}
    </section>
  );
}
