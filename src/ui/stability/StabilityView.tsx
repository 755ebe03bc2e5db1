import { useMemo, useState } from 'react';
import type { Params } from '../../core/params';
import { effectiveScale } from '../../core/stability/grid';
import { cellTrainingCurve, stabilityBoundaries } from '../../core/stability/report';
import { sinusoidGridSpec, stabilityReportSpec } from '../../core/stability/jobs';
import { useJob } from '../../state/useJob';
import { etaText } from '../jobs/jobText';
import { appStore, useApp } from '../../state/store';
import { Plot } from '../plot/Plot';
import { useColorScheme } from '../plot/plotTheme';
import type { Data, Layout } from '../plot/plotly';
import { fmt } from '../theme';
import { useHidden } from '../embed/uiFlags';
import { StabilityExplanation } from '../explain/StabilityExplanation';
import { DataExport } from '../export/DataExport';
import { stabilityExport } from '../export/stabilityExport';
import { heatmapFigure, nearestIndex } from './heatmapFigure';
import { SinusoidControls } from './SinusoidControls';
import { SinusoidFindingsPanel } from './SinusoidFindingsPanel';

const VARIANT_LABEL = { 'first-order': 'first order', 'second-order': 'exact MAML' } as const;

/** The α–β stability view (issue 4): a grid of MAML runs, its closed-form boundaries, a cell's curve. */
export function StabilityView() {
  const params = useApp((s) => s.params);
  const [selected, setSelected] = useState<{ i: number; j: number } | null>(null);
  const sinusoid = params.stTask === 'sinusoid';
  // Both grids run as jobs in workers (started by the job sync, kept across view switches): the
  // Float64 linear / mixed grid in the light worker, the sinusoid MLP grid in the compute worker.
  const reportJob = useMemo(() => stabilityReportSpec.fromParams(params), [params]);
  const reportRun = useJob(stabilityReportSpec, reportJob);
  const report = reportRun.result;
  const job = useMemo(() => sinusoidGridSpec.fromParams(params), [params]);
  const run = useJob(sinusoidGridSpec, job);
  // Partials are throttled, so their history may skip report iterations; a finished run's result
  // has every cell's whole curve.
  const history = useMemo(() => {
    const r = run.result;
    if (!r) return run.partial?.history ?? [];
    return r.curveIterations.map((iteration, k) => ({
      iteration,
      loss: r.curves.map((row) => row.map((curve) => curve[k])),
    }));
  }, [run.partial, run.result]);
  const hidden = useHidden();
  const scheme = useColorScheme();

  const grid =
    report?.grid ??
    (job && run.partial
      ? { alpha: job.alpha, beta: job.beta, loss: run.partial.loss, diverged: run.partial.diverged }
      : null);
  const boundaries = useMemo(() => stabilityBoundaries(params), [params]);
  const axes = {
    alpha: effectiveScale(params.stAlpha, params.stAlphaAxis),
    beta: effectiveScale(params.stBeta, params.stBetaAxis),
  };
  const figure = useMemo(
    () =>
      grid
        ? heatmapFigure({
            ...grid,
            axes,
            boundaries,
            variantLabel: params.stTask === 'mixed' ? 'exact' : VARIANT_LABEL[params.stOrder],
            alphaLabel: params.stTask === 'mixed' ? 'inner rate αt' : 'inner rate α',
            selected,
            scheme,
          })
        : null,
    [grid, boundaries, selected, params.stTask, params.stOrder, scheme], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const cell =
    selected && grid ? { alpha: grid.alpha[selected.i], beta: grid.beta[selected.j] } : null;
  const curve = useMemo(
    () => (cell ? cellCurve(params, cell, selected!, history) : null),
    [params, cell?.alpha, cell?.beta, history], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const divergedCount = grid ? grid.diverged.flat().filter(Boolean).length : 0;
  const summary = grid
    ? `Heatmap of the final loss over ${grid.alpha.length} α × ${grid.beta.length} β cells; ${divergedCount} diverged.` +
      (report?.hessianEigenvalues
        ? ` Hessian eigenvalues ${report.hessianEigenvalues.map((l) => fmt(l)).join(', ')}; α_c = ${fmt(boundaries.alphaCritical)}.`
        : '')
    : 'Heatmap not computed yet.';

  return (
    <div className="stability-view">
      <section className="readout" data-testid="stability-readout">
        <p>
          <strong>{settingTitle(params)}</strong> —{' '}
          {grid
            ? `${divergedCount} of ${grid.alpha.length * grid.beta.length} cells diverged`
            : sinusoid
              ? 'waiting for the first iterations…'
              : reportRun.status === 'failed'
                ? `the grid failed: ${reportRun.error}`
                : `computing the grid (in a worker)…${reportRun.progress ? ` row ${reportRun.progress.done} / ${reportRun.progress.total} ${etaText(reportRun)}` : ''}`}
        </p>
        {report?.hessianEigenvalues && (
          <p data-testid="stability-eigen">
            Hessian eigenvalues λ = {report.hessianEigenvalues.map((l) => fmt(l)).join(', ')} · α_c
            = 1/λ_max = {fmt(boundaries.alphaCritical)} · β_c(0) = 2/λ_max ={' '}
            {fmt(boundaries.betaCriticalAtAlphaZero)} · overlays: {VARIANT_LABEL[params.stOrder]}{' '}
            boundary
            {params.stOrder === 'first-order' ? ' 2/(λ − αλ²)' : ' 2/(λ(1 − αλ)²)'}
          </p>
        )}
        {sinusoid && <SinusoidControls job={job} run={run} />}
      </section>
      {figure && (
        <Plot
          data={figure.data}
          layout={figure.layout}
          summary={summary}
          testId="stability-heatmap"
          onClick={(pt) =>
            grid &&
            setSelected({
              i: nearestIndex(grid.alpha, pt.x, axes.alpha),
              j: nearestIndex(grid.beta, pt.y, axes.beta),
            })
          }
        />
      )}
      {sinusoid && (
        <SinusoidFindingsPanel
          params={params}
          grid={grid}
          history={history}
          done={run.status === 'done'}
        />
      )}
      {cell && curve && <CurvePlot curve={curve} alpha={cell.alpha} beta={cell.beta} />}
      {!cell && grid && <p className="muted">Click a cell to see its training curve.</p>}
      {grid && !hidden.has('export') && (
        <DataExport
          name={`meta-lr-stability-${params.stTask}`}
          getData={() =>
            stabilityExport(
              params,
              appStore.getState().notices,
              report ?? {
                variant: params.stOrder,
                iterations: params.stIters,
                axes,
                grid,
                hessianEigenvalues: null,
                boundaries,
              },
            )
          }
        />
      )}
      {!hidden.has('explain') && (
        <StabilityExplanation
          network={sinusoid}
          lambdas={report?.hessianEigenvalues ?? null}
          order={params.stTask === 'mixed' ? 'second-order' : params.stOrder}
          alphaCritical={boundaries.alphaCritical}
          betaCriticalAtZero={boundaries.betaCriticalAtAlphaZero}
        />
      )}
    </div>
  );
}

function settingTitle(p: Params): string {
  if (p.stTask === 'linear')
    return `Linear regression, one task, ${p.stPoints} points, ${p.stIters} iterations of full-batch GD`;
  if (p.stTask === 'mixed')
    return `Mixed linear regression (p = ${p.p}, m = ${p.m}, nt = ${p.nt}, nv = ${p.nv}), outer loop by GD, ${p.stIters} iterations`;
  return `Sinusoid regression, MLP 1-${p.stWidth}-${p.stWidth}-1, ${p.stTasks} task(s) per meta-batch, ${p.stShots} + ${p.stShots} points per task, ${p.stIters} SGD iterations; scored on ${p.stEvalTasks} fixed evaluation tasks`;
}

interface Curve {
  x: number[];
  y: (number | null)[];
}

function cellCurve(
  p: Params,
  cell: { alpha: number; beta: number },
  idx: { i: number; j: number },
  history: { iteration: number; loss: (number | null)[][] }[],
): Curve {
  if (p.stTask !== 'sinusoid') {
    const y = cellTrainingCurve(p, cell.alpha, cell.beta);
    return { x: y.map((_, k) => k), y: y.map((v) => (Number.isFinite(v) ? v : null)) };
  }
  return {
    x: history.map((h) => h.iteration),
    y: history.map((h) => h.loss[idx.i]?.[idx.j] ?? null),
  };
}

function CurvePlot({ curve, alpha, beta }: { curve: Curve; alpha: number; beta: number }) {
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x: curve.x,
      y: curve.y,
      name: 'loss',
      line: { width: 2 },
    } as Data,
  ];
  const layout: Partial<Layout> = {
    height: 300,
    margin: { l: 70, r: 20, t: 30, b: 50 },
    title: { text: `Training curve at α = ${fmt(alpha)}, β = ${fmt(beta)}` },
    xaxis: { title: { text: 'iteration' } },
    yaxis: { title: { text: 'loss' }, type: 'log' },
  };
  const last = curve.y[curve.y.length - 1];
  return (
    <Plot
      data={data}
      layout={layout}
      testId="stability-curve"
      summary={`Training curve of the cell α = ${fmt(alpha)}, β = ${fmt(beta)}: ${curve.y.length} points, last loss ${fmt(last)}.`}
    />
  );
}
