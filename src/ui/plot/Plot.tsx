import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { useFontScale, useHidden } from '../embed/uiFlags';
import { PlotExport } from './PlotExport';
import { themedLayout, useColorScheme } from './plotTheme';
import { cancelRedraw, queueRedraw } from './redrawQueue';
import { wrapTitle } from './wrapTitle';
import Plotly, { type Config, type Data, type Layout, type PlotlyHTMLElement } from './plotly';

export interface PlotProps {
  data: Data[];
  layout: Partial<Layout>;
  /** Text alternative for screen readers (what the plot shows, with its key numbers). */
  summary: string;
  className?: string;
  onClick?(point: { x: number; y: number; curveNumber: number }): void;
  testId?: string;
  /** Names the exported files (default: the layout's title). */
  name?: string;
  /** Hide the PNG/SVG buttons (embed links may ask for it). */
  noExport?: boolean;
}

const CONFIG: Partial<Config> = { responsive: true, displaylogo: false };
/**
 * On a phone Plotly's toolbar stays visible after a tap and covers the title; the PNG/SVG buttons
 * under each plot export, and a double tap resets the zoom, so narrow screens go without it.
 */
const NARROW_CONFIG: Partial<Config> = { ...CONFIG, displayModeBar: false };
const NARROW = '(max-width: 600px)';

function subscribeNarrow(onChange: () => void) {
  const mq = typeof matchMedia === 'undefined' ? null : matchMedia(NARROW);
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribeNarrow,
    () => typeof matchMedia !== 'undefined' && matchMedia(NARROW).matches,
    () => false,
  );
}

/**
 * One Plotly figure. `Plotly.react` diffs the figure, so redrawing on every slider input is cheap;
 * a fixed `uirevision` keeps the user's zoom across updates.
 */
export function Plot(props: PlotProps) {
  const { data, layout, summary, className, onClick, testId } = props;
  const title = (layout.title as { text?: string } | undefined)?.text;
  const name = props.name ?? title ?? testId ?? 'plot';
  const ref = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  const scheme = useColorScheme();
  const fontScale = useFontScale();
  const hidden = useHidden();
  const noExport = props.noExport || hidden.has('export');
  const narrow = useNarrow();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const themed = themedLayout(narrow ? wrapTitle(layout) : layout, scheme, fontScale);
    const config = narrow ? NARROW_CONFIG : CONFIG;
    queueRedraw(el, () => void Plotly.react(el, data, { uirevision: 'keep', ...themed }, config));
  }, [data, layout, scheme, fontScale, narrow]);

  // Plotly sizes itself to its container only on window resizes (`responsive`); the container also
  // changes width when the set of plots changes (one plot ↔ two side by side), so watch it.
  useEffect(() => {
    const el = ref.current as PlotlyHTMLElement | null;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return; // height changes are Plotly's own
      width = el.clientWidth;
      if (width === 0) return; // hidden: resized when it shows again
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // Not drawn yet: the queued first draw measures the container itself.
        if ((el as { _fullLayout?: unknown })._fullLayout) void Plotly.Plots.resize(el);
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    const el = ref.current as PlotlyHTMLElement | null;
    if (!el) return;
    return () => {
      cancelRedraw(el);
      Plotly.purge(el);
    };
  }, []);

  useEffect(() => {
    const el = ref.current as (PlotlyHTMLElement & { removeAllListeners?(e: string): void }) | null;
    if (!el) return;
    // plotly_click is only available after the first draw; attach once the element exists.
    const handler = (ev: { points: { x: unknown; y: unknown; curveNumber: number }[] }) => {
      const pt = ev.points[0];
      if (pt && clickRef.current)
        clickRef.current({ x: Number(pt.x), y: Number(pt.y), curveNumber: pt.curveNumber });
    };
    const attach = () => el.on?.('plotly_click', handler as never);
    const t = setTimeout(attach, 0);
    return () => {
      clearTimeout(t);
      el.removeAllListeners?.('plotly_click');
    };
  }, []);

  return (
    // The summary names the figure for screen readers; the plot itself holds Plotly's toolbar
    // buttons, so it cannot be role="img" (no interactive content inside an image).
    <figure className={className ?? 'plot'} data-testid={testId} aria-labelledby={captionId}>
      <div ref={ref} className="plot-area" />
      {!noExport && <PlotExport plotRef={ref} name={name} />}
      <figcaption id={captionId} className="visually-hidden">
        {summary}
      </figcaption>
    </figure>
  );
}
