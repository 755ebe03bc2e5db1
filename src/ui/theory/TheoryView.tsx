import { Suspense, useMemo } from 'react';
import { lazyPart } from '../lazyPart';
import type { TheoryReport } from '../../core/theoryReport';
import { useTheoryReport } from './useTheoryReport';
import { appStore, useApp } from '../../state/store';
import { DataExport } from '../export/DataExport';
import { theoryExport } from './theoryExport';
import { PinBar, usePins, type Pin } from '../compare/PinBar';
import { useHidden } from '../embed/uiFlags';
import { computeTheoryReport, theorySettingOf } from '../../core/theoryReport';
import { tracesAreSlow } from '../../core/theory';
import { COLORS } from '../theme';
import { LossPlot, type Marker, type Overlay, type SimSeries } from './LossPlot';
import { Readout } from './Readout';
import { SimPanel } from './SimPanel';
import { SimGap } from './SimGap';
import { ScaleUpPanel } from './ScaleUpPanel';
import { useSimulation } from './useSimulation';
import { SWEEP_ALPHA_R, SWEEP_ALPHA_T } from '../../core/sim/job';
import type { PointStats } from '../../core/sim/types';

// KaTeX and the explanation load after the first curve: they are not needed to draw it.
const TheoryExplanation = lazyPart('The explanation', async () => ({
  default: (await import('./TheoryExplanation')).TheoryExplanation,
}));

/** Simulated points as drawn: unusable ones (ill-conditioned, diverged, no runs yet) are gaps. */
function simSeries(
  x: number[],
  stats: PointStats[] | undefined,
  band: boolean,
): SimSeries | undefined {
  if (!stats) return undefined;
  const usable = (s: PointStats) =>
    s.n > 1 && !s.illConditioned && !s.diverged && Number.isFinite(s.mean);
  const k = band ? 1.96 : 1;
  return {
    x,
    mean: stats.map((s) => (usable(s) ? s.mean : null)),
    err: stats.map((s) => (usable(s) ? k * s.stderr : null)),
    label: band ? 'simulation (95 % band)' : 'simulation (±1 SE)',
  };
}

function lossAt(curve: { x: number[]; theory: (number | null)[] }, x: number): number | null {
  // Markers sit on the curve: interpolate the drawn curve at x (exact at grid points).
  const xs = curve.x;
  if (x < xs[0]! || x > xs[xs.length - 1]!) return null;
  const i = Math.min(
    xs.length - 2,
    Math.floor(((x - xs[0]!) / (xs[xs.length - 1]! - xs[0]!)) * (xs.length - 1)),
  );
  const a = curve.theory[i];
  const b = curve.theory[i + 1];
  if (a === null || b === null || a === undefined || b === undefined) return null;
  const t = (x - xs[i]!) / (xs[i + 1]! - xs[i]!);
  return a + t * (b - a);
}

/** Theory curves of the pinned settings (a pin needing the slow Wishart precompute is skipped). */
function pinOverlays(pins: Pin[]): { alphaT: Overlay[]; alphaR: Overlay[] } {
  const out = { alphaT: [] as Overlay[], alphaR: [] as Overlay[] };
  for (const pin of pins) {
    if (tracesAreSlow(theorySettingOf(pin.params))) continue;
    const r = computeTheoryReport(pin.params);
    out.alphaT.push({ ...r.curves.alphaT, y: r.curves.alphaT.theory, label: pin.label });
    out.alphaR.push({ ...r.curves.alphaR, y: r.curves.alphaR.theory, label: pin.label });
  }
  return out;
}

function theoryState(r: TheoryReport) {
  if (!r.current.theorem) return 'unavailable' as const;
  return r.current.unreliable ? ('unreliable' as const) : ('ok' as const);
}

/** Theory view: loss vs αt and vs αr from the closed-form theorems (theory.md §1). */
export function TheoryView() {
  const params = useApp((s) => s.params);
  // Recomputed on every input event while dragging (~0.02 ms); see useTheoryReport.
  const report = useTheoryReport(params);
  if (!report)
    return (
      <div className="theory-view">
        <p className="computing" role="status" data-testid="theory-computing">
          Computing the Wishart covariances and Theorem 3's traces for p = {params.p} (one-time, in
          a worker)…
        </p>
        <SimPanel />
      </div>
    );
  return <TheoryPlots report={report} />;
}

function TheoryPlots({ report }: { report: TheoryReport }) {
  const { current, optimum, curves, config } = report;
  const state = theoryState(report);
  const sim = useSimulation();
  const hidden = useHidden();
  // hide=sim hides the simulated points too, not only the panel.
  const partial = hidden.has('sim') ? null : sim.partial;
  const pins = usePins();
  const overlays = useMemo(() => pinOverlays(pins), [pins]);
  const simT = useMemo(
    () => simSeries(SWEEP_ALPHA_T, partial?.alphaT, config.band),
    [partial, config.band],
  );
  const simR = useMemo(
    () => simSeries(SWEEP_ALPHA_R, partial?.alphaR, config.band),
    [partial, config.band],
  );

  // Drawn in this order, later on top: the αt = 0 square first, so that an optimum next to it
  // (Fig. 3b: −0.028) stays visible; LossPlot labels coinciding markers with an arrow.
  const markersT = useMemo<Marker[]>(() => {
    const m: Marker[] = [];
    const atZero = lossAt(curves.alphaT, 0);
    if (atZero !== null)
      m.push({
        x: 0,
        y: atZero,
        label: 'αt = 0 (no inner loop)',
        color: COLORS.neutral,
        symbol: 'square',
        legendRank: 1001, // drawn first, listed last
      });
    m.push({
      x: config.alphaT,
      y: current.theory,
      label: 'current αt',
      color: COLORS.current,
      symbol: 'circle',
    });
    if (optimum.alphaT !== null)
      m.push({
        x: optimum.alphaT,
        y: optimum.lossAtAlphaT,
        label: 'optimal αt',
        color: COLORS.optimum,
        symbol: 'star',
      });
    return m;
  }, [config.alphaT, current.theory, optimum.alphaT, optimum.lossAtAlphaT, curves.alphaT]);

  const markersR = useMemo<Marker[]>(() => {
    const m: Marker[] = [
      {
        x: config.alphaR,
        y: current.theory,
        label: 'current αr',
        color: COLORS.current,
        symbol: 'circle',
      },
    ];
    if (optimum.alphaR !== null)
      m.push({
        x: optimum.alphaR,
        y: optimum.lossAtAlphaR,
        label: 'optimal αr',
        color: COLORS.optimum,
        symbol: 'star',
      });
    return m;
  }, [config.alphaR, current.theory, optimum.alphaR, optimum.lossAtAlphaR]);

  const plotT = (
    <LossPlot
      key="t"
      testId="plot-alphaT"
      title={`Loss vs training rate αt (αr = ${config.alphaR})`}
      xLabel="αt (inner learning rate during meta-training)"
      x={curves.alphaT.x}
      theory={curves.alphaT.theory}
      theoryState={state}
      unavailableReason={current.unavailableReason}
      markers={markersT}
      sim={simT}
      overlays={overlays.alphaT}
      zeroLine="αt = 0: no inner loop"
      height={config.focus === 'alphaT' ? 520 : 380}
    />
  );
  const plotR = (
    <LossPlot
      key="r"
      testId="plot-alphaR"
      title={`Loss vs adaptation rate αr (αt = ${config.alphaT})`}
      xLabel="αr (inner learning rate at meta-test)"
      x={curves.alphaR.x}
      theory={curves.alphaR.theory}
      theoryState={state}
      unavailableReason={current.unavailableReason}
      markers={markersR}
      sim={simR}
      overlays={overlays.alphaR}
      height={config.focus === 'alphaR' ? 520 : 380}
    />
  );
  const plots =
    config.focus === 'alphaT' ? [plotT] : config.focus === 'alphaR' ? [plotR] : [plotT, plotR];
  return (
    <div className="theory-view">
      {!hidden.has('readout') && <Readout report={report} />}
      {!hidden.has('sim') && <SimPanel />}
      {!hidden.has('sim') && <SimGap params={config} theory={current.theory} partial={partial} />}
      <div className={`plots plots-${plots.length}`}>{plots}</div>
      {!hidden.has('sim') && <ScaleUpPanel />}
      {!hidden.has('pins') && <PinBar />}
      {!hidden.has('export') && (
        <DataExport
          name="meta-lr-theory"
          getData={() =>
            theoryExport({ ...report, notices: appStore.getState().notices }, partial, pins)
          }
        />
      )}
      {!hidden.has('explain') && (
        <Suspense fallback={null}>
          <TheoryExplanation report={report} />
        </Suspense>
      )}
    </div>
  );
}
