import type { Layout } from './plotly';

/** Plotly does not wrap titles: on a phone a long one runs off both edges, so break it into lines. */
export function wrapTitle(layout: Partial<Layout>, maxChars = 36): Partial<Layout> {
  const title = layout.title as { text?: string } | undefined;
  if (!title?.text || title.text.length <= maxChars || title.text.includes('<br>')) return layout;
  const lines: string[] = [];
  for (const word of title.text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= maxChars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const top = (layout.margin?.t ?? 80) + 18 * (lines.length - 1);
  return {
    ...layout,
    title: { ...title, text: lines.join('<br>') },
    margin: { ...layout.margin, t: top },
  };
}
