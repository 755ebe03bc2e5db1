import type { RefObject } from 'react';
import Plotly, { type PlotlyHTMLElement } from './plotly';
import { downloadUrl, fileStem } from '../export/download';

/**
 * PNG and SVG of one plot. The image gets a solid background in the page's colour (the live plot
 * is transparent, which would lose light text on a white slide in dark mode).
 */
async function exportImage(el: PlotlyHTMLElement, format: 'png' | 'svg', name: string) {
  const live = el as unknown as { data: object[]; layout: Record<string, unknown> };
  const bg = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#fff';
  const width = el.clientWidth || 800;
  const height = (live.layout.height as number | undefined) ?? el.clientHeight ?? 450;
  const url = await Plotly.toImage(
    { data: live.data, layout: { ...live.layout, paper_bgcolor: bg, plot_bgcolor: bg } } as never,
    { format, width, height, scale: format === 'png' ? 2 : 1 },
  );
  downloadUrl(url, `${fileStem(name)}.${format}`);
}

export function PlotExport({
  plotRef,
  name,
}: {
  plotRef: RefObject<HTMLDivElement | null>;
  name: string;
}) {
  const run = (format: 'png' | 'svg') => {
    const el = plotRef.current as PlotlyHTMLElement | null;
    if (el) void exportImage(el, format, name);
  };
  return (
    <div className="plot-export" role="group" aria-label={`Download ${name}`}>
      <button type="button" data-testid="export-png" onClick={() => run('png')}>
        PNG
      </button>
      <button type="button" data-testid="export-svg" onClick={() => run('svg')}>
        SVG
      </button>
    </div>
  );
}
