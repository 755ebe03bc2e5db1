import { expect, test } from 'vitest';
import { wrapTitle } from '../../../src/ui/plot/wrapTitle';

test('a long plot title is broken into lines for a phone, with room above the plot', () => {
  const layout = {
    title: { text: 'Test accuracy on the meta-test characters (95 % CI)' },
    margin: { t: 40, r: 20 },
  };
  const out = wrapTitle(layout);
  const lines = (out.title as { text: string }).text.split('<br>');
  expect(lines.join(' ')).toBe(layout.title.text);
  expect(lines.length).toBe(2);
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(36);
  expect(out.margin).toEqual({ t: 58, r: 20 });
  // short titles, titles already broken, and no title stay as they are
  const short = { title: { text: 'Meta-training loss' } };
  expect(wrapTitle(short)).toBe(short);
  expect(wrapTitle({})).toEqual({});
});
