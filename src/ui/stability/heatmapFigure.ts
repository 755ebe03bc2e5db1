import { logColourRange } from '../../core/stability/logColourRange';
/**
 * The α × β heatmap as a Plotly figure: final loss on a log10 colour scale, diverged cells as a
 * separate grey layer outside the colour scale (labelled in the legend), and the closed-form
 * overlays: β_c(α) per eigenvalue, α_c = 1/λ_max, α = 0 and plain GD's β_c(0).
 * Plotly heatmaps index z[row][column] = z[β][α], the transpose of the report's loss[α][β].
 */
import type { Data, Layout } from '../plot/plotly';
import type { StabilityBoundaries } from '../../core/stability/report';
import type { AxisScale } from '../../core/stability/grid';
import { COLORS } from '../theme';

export interface HeatmapInput {
  alpha: number[];
  beta: number[];
  loss: (number | null)[][];
  diverged: boolean[][];
  axes: { alpha: AxisScale; beta: AxisScale };
  boundaries: StabilityBoundaries;
  variantLabel: string;
  alphaLabel: string;
  selected?: { i: number; j: number } | null;
  /** The page's colour scheme: legend swatches sit on the page, not on the heatmap. */
  scheme?: 'light' | 'dark';
  /** The legend's words for the grey layer (default: the sinusoid and linear grids' rule). */
  divergedLabel?: string;
  /** What the colour shows (default: the final loss). */
  lossLabel?: string;
  height?: number;
}

const CURVE_COLORS = [COLORS.sky, COLORS.current, COLORS.accent, COLORS.yellow];
const LINE_HOVER = 'α = %{x:.4~g}<br>β = %{y:.4~g}';

/**
 * A white dashed line over the heatmap, with a dark halo so it shows on every Viridis colour. Its
 * legend swatch is a separate legend-only trace: white on a light page would be invisible, so it
 * takes the page's text colour there (one legend group: a click still toggles the line).
 */
function haloLine(
  data: Data[],
  x: number[],
  y: number[],
  name: string,
  scheme: 'light' | 'dark',
): void {
  const group = name;
  const common = { type: 'scatter', mode: 'lines', x, y, legendgroup: group, showlegend: false };
  data.push(
    {
      ...common,
      line: { color: 'rgba(0,0,0,0.55)', width: 3.5 },
      hoverinfo: 'skip',
    } as Data,
    {
      ...common,
      name,
      line: { color: '#ffffff', width: 1.5, dash: 'dash' },
      hovertemplate: `${LINE_HOVER}<extra>${name}</extra>`,
    } as Data,
    {
      type: 'scatter',
      mode: 'lines',
      x: [null],
      y: [null],
      name,
      legendgroup: group,
      line: { color: scheme === 'light' ? '#16181d' : '#ffffff', width: 1.5, dash: 'dash' },
      hoverinfo: 'skip',
    } as Data,
  );
}

export function heatmapFigure(h: HeatmapInput): { data: Data[]; layout: Partial<Layout> } {
  const scheme = h.scheme ?? 'light';
  // An exact 0 (or a loss under the range) gets the floor colour instead of a hole.
  const logs = h.loss
    .flatMap((row, i) => row.filter((v, j) => v !== null && v > 0 && !h.diverged[i]?.[j]))
    .map((v) => Math.log10(v!));
  const [floor, top] = logColourRange(logs);
  const z = h.beta.map((_, j) =>
    h.alpha.map((_, i) => {
      const v = h.loss[i]?.[j];
      if (v === null || v === undefined || h.diverged[i]?.[j]) return null;
      return v > 0 ? Math.max(floor, Math.log10(v)) : floor;
    }),
  );
  const zDiverged = h.beta.map((_, j) => h.alpha.map((_, i) => (h.diverged[i]?.[j] ? 1 : null)));
  const [bLo, bHi] = [Math.min(...h.beta), Math.max(...h.beta)];
  const [aLo, aHi] = [Math.min(...h.alpha), Math.max(...h.alpha)];
  const data: Data[] = [
    {
      type: 'heatmap',
      name: 'log10 loss',
      x: h.alpha,
      y: h.beta,
      z,
      colorscale: 'Viridis',
      colorbar: { title: { text: `log10 ${h.lossLabel ?? 'final loss'}` } },
      zmin: floor,
      zmax: top,
      hoverongaps: false,
      hovertemplate: 'α=%{x:.3g}<br>β=%{y:.3g}<br>log10 loss=%{z:.3f}<extra></extra>',
    } as Data,
    {
      type: 'heatmap',
      name: 'diverged',
      x: h.alpha,
      y: h.beta,
      z: zDiverged,
      colorscale: [
        [0, '#bdbdbd'],
        [1, '#bdbdbd'],
      ],
      showscale: false,
      hovertemplate: 'α=%{x:.3g}<br>β=%{y:.3g}<br>diverged<extra></extra>',
      // Plotly hovers over null cells by default: this layer would label every cell "diverged".
      hoverongaps: false,
    } as Data,
    // A legend entry for the grey layer (heatmaps have none).
    {
      type: 'scatter',
      mode: 'markers',
      x: [null],
      y: [null],
      name: h.divergedLabel ?? 'diverged (loss non-finite or above its start)',
      marker: { color: '#bdbdbd', symbol: 'square', size: 12 },
      hoverinfo: 'skip',
    } as Data,
  ];
  h.boundaries.curves.forEach((c, k) =>
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: c.alpha,
      y: c.beta,
      name: `${c.label} (${h.variantLabel})`,
      line: { color: CURVE_COLORS[k % CURVE_COLORS.length], width: 2.5 },
      hovertemplate: `${LINE_HOVER}<extra>${c.label}</extra>`,
      connectgaps: false,
    } as Data),
  );
  const vline = (x: number, name: string, color: string, dash: string) =>
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [x, x],
      y: [bLo, bHi],
      name,
      line: { color, width: 2, dash },
      hovertemplate: `${LINE_HOVER}<extra>${name}</extra>`,
    } as Data);
  const ac = h.boundaries.alphaCritical;
  if (ac !== null && ac >= aLo && ac <= aHi)
    vline(ac, `α_c = 1/λ_max = ${ac.toPrecision(3)}`, COLORS.sim, 'dash');
  if (aLo < 0 && aHi > 0) vline(0, 'α = 0', '#222222', 'dot');
  const b0 = h.boundaries.betaCriticalAtAlphaZero;
  if (b0 !== null && b0 >= bLo && b0 <= bHi)
    haloLine(data, [aLo, aHi], [b0, b0], `β_c at α = 0 (plain GD) = ${b0.toPrecision(3)}`, scheme);
  // No closed form for the MLP: the paper's dashed line is the empirical largest stable β at the
  // smallest α (column 0), drawn once that column has both outcomes.
  if (h.boundaries.curves.length === 0 && h.alpha.length > 0) {
    const stable = h.beta.filter((_, j) => !h.diverged[0]?.[j]);
    if (stable.length > 0 && stable.length < h.beta.length) {
      const b = Math.max(...stable);
      haloLine(
        data,
        [aLo, aHi],
        [b, b],
        `largest stable β at the smallest α (empirical) = ${b.toPrecision(3)}`,
        scheme,
      );
    }
  }
  if (h.selected) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: [h.alpha[h.selected.i]],
      y: [h.beta[h.selected.j]],
      name: 'selected cell',
      marker: { color: '#ff0000', symbol: 'square-open', size: 14, line: { width: 3 } },
    } as Data);
  }
  const layout: Partial<Layout> = {
    margin: { l: 70, r: 20, t: 30, b: 10 },
    height: h.height ?? 520,
    xaxis: {
      automargin: true,
      title: { text: h.alphaLabel },
      type: h.axes.alpha,
      range: axisRange(aLo, aHi, h.axes.alpha),
    },
    yaxis: {
      title: { text: 'outer rate β' },
      type: h.axes.beta,
      range: axisRange(bLo, bHi, h.axes.beta),
    },
    // Under the axis title at the figure's bottom edge (as in LossPlot): never over the title.
    legend: { orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom' },
  };
  return { data, layout };
}

function axisRange(lo: number, hi: number, scale: AxisScale): [number, number] {
  return scale === 'log' ? [Math.log10(lo), Math.log10(hi)] : [lo, hi];
}

/** Nearest grid index of a clicked value (log distance on log axes). */
export function nearestIndex(values: number[], v: number, scale: AxisScale): number {
  const d = (x: number) =>
    scale === 'log' ? Math.abs(Math.log(x) - Math.log(v)) : Math.abs(x - v);
  let best = 0;
  values.forEach((x, i) => {
    if (d(x) < d(values[best])) best = i;
  });
  return best;
}
