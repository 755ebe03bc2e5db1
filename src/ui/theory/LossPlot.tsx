import { useMemo } from 'react';
import type { Data, Layout } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';

export interface Marker {
  x: number;
  y: number | null;
  label: string;
  color: string;
  symbol: string;
  /** Plotly's legendrank (default 1000): the legend order, independent of the drawing order. */
  legendRank?: number;
}

/** Simulated points (mean ± error) to draw over the theory curve. */
export interface SimSeries {
  x: number[];
  mean: (number | null)[];
  err: (number | null)[];
  label: string;
}

/** A pinned theory curve drawn under the live one (compare mode). */
export interface Overlay {
  x: number[];
  y: (number | null)[];
  label: string;
}

/** Pinned curves: Okabe–Ito colours not used by the live traces, plus a dash each (greyscale-safe). */
export const PIN_STYLES = [
  { color: COLORS.accent, dash: 'dash' },
  { color: COLORS.sky, dash: 'dot' },
  { color: COLORS.neutral, dash: 'dashdot' },
  { color: COLORS.yellow, dash: 'longdash' },
  { color: COLORS.optimum, dash: 'longdashdot' },
] as const;

const escapeText = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface LossPlotProps {
  title: string;
  xLabel: string;
  x: number[];
  theory: (number | null)[];
  theoryState: 'ok' | 'unreliable' | 'unavailable';
  unavailableReason?: string | null;
  markers: Marker[];
  /** Draw a labelled vertical line at x = 0 ("no inner loop"). */
  zeroLine?: string;
  sim?: SimSeries;
  overlays?: Overlay[];
  testId: string;
  height?: number;
}

/**
 * y-axis range: the loss grows fast far from the optimum (h_r is quadratic in α), which would
 * flatten the interesting region; the upper end is clipped at 3× the lowest value shown.
 */
function yRange(values: (number | null)[]): [number, number] | undefined {
  const ys = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!ys.length) return undefined;
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  if (!(lo > 0) || hi <= 3 * lo) return undefined;
  const top = 3 * lo;
  return [lo - 0.05 * (top - lo), top];
}

/** Breaks plain text into lines for a Plotly annotation (which does not wrap by itself). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  // Plotly annotations accept a little HTML: escape what came from elsewhere.
  return lines.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

function span(values: (number | null)[]): [number, number] | undefined {
  const ys = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return ys.length ? [Math.min(...ys), Math.max(...ys)] : undefined;
}

const signed = (v: number) => fmt(v, 3).replace(/^-/, '−');

/**
 * Markers that land on an earlier one (Fig. 3b: the optimal αt −0.028 under the αt = 0 square)
 * would hide it or be hidden: each gets a labelled arrow. "Close" is within 2.5 % of the x range
 * and 5 % of the y range, about a marker's size on a plot of 400 × 300 px.
 */
function callouts(
  markers: Marker[],
  xs: number[],
  yr: [number, number] | undefined,
): Partial<Layout['annotations'][number]>[] {
  const xSpan = Math.abs(xs[xs.length - 1]! - xs[0]!) || 1;
  const ySpan = yr ? Math.abs(yr[1] - yr[0]) || 1 : 1;
  const shown = markers.filter((m) => m.y !== null && Number.isFinite(m.y));
  return shown
    .filter((m, i) =>
      shown
        .slice(0, i)
        .some((o) => Math.abs(o.x - m.x) < 0.025 * xSpan && Math.abs(o.y! - m.y!) < 0.05 * ySpan),
    )
    .map((m, k) => ({
      x: m.x,
      y: m.y!,
      xref: 'x',
      yref: 'y',
      text: escapeText(`${m.label} = ${signed(m.x)}`),
      showarrow: true,
      arrowhead: 2,
      arrowcolor: m.color,
      // Up and to the left, clear of the αt = 0 line through the markers.
      ax: -90,
      ay: -50 - 24 * k,
      font: { size: 12 },
    }));
}

/** Loss against one learning rate: theory curve, markers, optional simulation with error bars. */
export function LossPlot(props: LossPlotProps) {
  const { x, theory, markers, sim, theoryState } = props;
  const data = useMemo<Data[]>(() => {
    const traces: Data[] = [];
    (props.overlays ?? []).forEach((o, i) => {
      const style = PIN_STYLES[i % PIN_STYLES.length]!;
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: escapeText(`pin ${i + 1}: ${o.label}`),
        x: o.x,
        y: o.y,
        line: { color: style.color, width: 2, dash: style.dash },
        hovertemplate: `%{x:.3f} → %{y:.5f}<extra>pin ${i + 1}</extra>`,
      });
    });
    if (theoryState !== 'unavailable') {
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: theoryState === 'unreliable' ? 'theory (unreliable here)' : 'theory',
        x,
        y: theory,
        line: {
          color: COLORS.theory,
          width: 2.5,
          dash: theoryState === 'unreliable' ? 'dash' : 'solid',
        },
        hovertemplate: '%{x:.3f} → %{y:.5f}<extra>theory</extra>',
      });
    }
    if (sim) {
      traces.push({
        type: 'scatter',
        mode: 'markers',
        name: sim.label,
        x: sim.x,
        y: sim.mean,
        error_y: {
          type: 'data',
          array: sim.err.map((e) => e ?? 0),
          visible: true,
          color: COLORS.sim,
        },
        marker: { color: COLORS.sim, size: 6 },
      } as Data);
    }
    for (const m of markers) {
      if (m.y === null || !Number.isFinite(m.y)) continue;
      traces.push({
        type: 'scatter',
        mode: 'markers',
        name: m.label,
        x: [m.x],
        y: [m.y],
        marker: { color: m.color, size: 13, symbol: m.symbol, line: { color: '#000', width: 1 } },
        legendrank: m.legendRank ?? 1000,
        hovertemplate: `${m.label}: %{x:.4f} → %{y:.5f}<extra></extra>`,
      });
    }
    return traces;
  }, [x, theory, markers, sim, theoryState, props.overlays]);

  const layout = useMemo<Partial<Layout>>(() => {
    const annotations: Partial<Layout['annotations'][number]>[] = [];
    const shapes: Partial<Layout['shapes'][number]>[] = [];
    if (props.zeroLine) {
      shapes.push({
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: 0,
        x1: 0,
        y0: 0,
        y1: 1,
        line: { color: COLORS.neutral, dash: 'dot', width: 1.5 },
      });
      annotations.push({
        x: 0,
        y: 1,
        xref: 'x',
        yref: 'paper',
        text: props.zeroLine,
        showarrow: false,
        yanchor: 'bottom',
        font: { size: 12, color: COLORS.neutral },
      });
    }
    if (theoryState === 'unavailable') {
      annotations.push({
        x: 0.5,
        y: 0.5,
        xref: 'paper',
        yref: 'paper',
        text: ['<b>No theory available</b>', ...wrap(props.unavailableReason ?? '', 48)].join(
          '<br>',
        ),
        showarrow: false,
        font: { size: 14 },
      });
    }
    const range = yRange([
      ...theory,
      ...(sim?.mean ?? []),
      ...markers.map((m) => m.y),
      ...(props.overlays ?? []).flatMap((o) => o.y),
    ]);
    annotations.push(...callouts(markers, x, range ?? span(theory)));
    return {
      title: { text: props.title },
      height: props.height ?? 420,
      margin: { l: 60, r: 20, t: 50, b: 10 },
      // automargin makes room for the tick labels and the axis title; the legend sits under them
      // at the figure's bottom edge (container coordinates reserve its own space), so the title
      // never overlaps its first row whatever the font size (projector mode) or legend rows.
      xaxis: { title: { text: props.xLabel }, zeroline: false, automargin: true },
      yaxis: { title: { text: 'average test loss' }, range, autorange: range ? false : true },
      legend: { orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom' },
      shapes,
      annotations,
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: {
        color: getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || '#111',
      },
    } as Partial<Layout>;
  }, [
    props.title,
    props.xLabel,
    props.zeroLine,
    props.unavailableReason,
    props.height,
    theoryState,
    x,
    theory,
    sim,
    markers,
    props.overlays,
  ]);

  const summary = useMemo(() => {
    const parts = [`${props.title}.`];
    if (theoryState === 'unavailable')
      parts.push(`No theory available: ${props.unavailableReason}.`);
    for (const m of markers) parts.push(`${m.label} at ${fmt(m.x)}, loss ${fmt(m.y)}.`);
    if (theoryState === 'unreliable') parts.push('Theory marked unreliable near the transition.');
    (props.overlays ?? []).forEach((o, i) => parts.push(`Pinned curve ${i + 1}: ${o.label}.`));
    return parts.join(' ');
  }, [props.title, props.unavailableReason, markers, theoryState, props.overlays]);

  return <Plot data={data} layout={layout} summary={summary} testId={props.testId} />;
}
