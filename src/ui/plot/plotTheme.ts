import { useSyncExternalStore } from 'react';
import type { Layout } from './plotly';

/** Plot colours for the page's colour scheme (the CSS follows prefers-color-scheme; Plotly cannot). */
const THEMES = {
  light: {
    fg: '#16181d',
    grid: '#dde0e6',
    line: '#8a8f9c',
    hoverBg: '#ffffff',
    labelBg: 'rgba(255,255,255,0.85)',
  },
  dark: {
    fg: '#e8e9ed',
    grid: '#343944',
    line: '#8a8f9c',
    hoverBg: '#1e2128',
    labelBg: 'rgba(30,33,40,0.85)',
  },
} as const;

const query = () =>
  typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void) {
  const mq = query();
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

/** 'dark' or 'light', re-rendering when the user's system setting changes. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribe,
    () => (query()?.matches ? 'dark' : 'light'),
    () => 'light',
  );
}

type AxisLayout = Partial<Layout['xaxis']>;

/** The view's layout with theme colours and a font scale (projector mode) applied on top. */
export function themedLayout(
  layout: Partial<Layout>,
  scheme: 'light' | 'dark',
  fontScale = 1,
): Partial<Layout> {
  const t = THEMES[scheme];
  const axis = (a: AxisLayout | undefined): AxisLayout => ({
    gridcolor: t.grid,
    zerolinecolor: t.line,
    linecolor: t.line,
    // Scientific notation, not SI prefixes: 10⁻⁵ on ticks rather than "10μ", and plain
    // significant digits (1e-7 style when tiny) in hovers rather than "164.6986μ".
    exponentformat: 'power',
    hoverformat: '.5~g',
    ...a,
  });
  const size = (layout.font?.size ?? 12) * fontScale;
  const title = layout.title as { text?: string; font?: object } | undefined;
  const m = layout.margin;
  const scaled = (x: number | undefined) => (x === undefined ? undefined : x * fontScale);
  return {
    ...layout,
    margin: m ? { ...m, l: scaled(m.l), b: scaled(m.b), t: scaled(m.t) } : m,
    annotations: layout.annotations?.map((a) => ({
      ...a,
      font: { ...a.font, size: (a.font?.size ?? 12) * fontScale },
      // A labelled arrow: its offsets grow with its text, and it is backed by the page's colour
      // so that it stays readable over points and lines.
      ...(a.showarrow && {
        ax: typeof a.ax === 'number' ? a.ax * fontScale : a.ax,
        ay: typeof a.ay === 'number' ? a.ay * fontScale : a.ay,
        bgcolor: a.bgcolor ?? t.labelBg,
      }),
    })),
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { ...layout.font, color: t.fg, size },
    title: title ? { ...title, font: { ...title.font, size: size * 1.25 } } : undefined,
    xaxis: axis(layout.xaxis),
    yaxis: axis(layout.yaxis),
    hoverlabel: { bgcolor: t.hoverBg, font: { color: t.fg } },
    height: layout.height ? layout.height * Math.sqrt(fontScale) : layout.height,
  } as Partial<Layout>;
}
