/**
 * `npm run bench:presets [-- --only stability/fig4a-quick]`: each quick preset of the network
 * experiments run in the built page in headless Debian Chromium (its own compute worker and shard
 * workers, the wasm kernel / tfjs-wasm), timed from navigation until the run's status is "done".
 * Prints one JSON line per preset (seconds, what the page says ran it) and the cores Chromium saw.
 * The issue-12 target is ≤ 30 s per quick preset on this 2-core machine.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { serveDist } from './serveDist';
import { PRESETS_BY_VIEW } from '../src/core/presetsByView';
import { OMNIGLOT_PRESETS } from '../src/core/omniglot/presets';

/** A quick preset, and the element whose data-status becomes "done" when its run ends. */
interface PagePreset {
  view: keyof typeof PRESETS_BY_VIEW;
  id: string;
  run: string;
  badge: string;
  /** A button that starts the run (jobs that do not start by themselves). */
  click?: string;
}

export const PAGE_PRESETS: PagePreset[] = [
  {
    view: 'stability',
    id: 'fig4a-quick',
    run: '[data-testid=stability-run]',
    badge: '[data-testid=stability-run] .badge',
  },
  {
    view: 'nonlinear',
    id: 'nonlinear-quick',
    run: '[data-testid=fig5-status]',
    badge: '[data-testid=fig5-status]',
    click: '[data-testid=fig5-run]',
  },
  // the Omniglot panels' presets (their own buttons, not the view's menu); issue 13: ≤ 60 s
  {
    view: 'nonlinear',
    id: 'omniglot-fig4b-quick',
    run: '[data-testid=og-stability-status]',
    badge: '[data-testid=og-stability-status]',
    click: '[data-testid=og-stability-run]',
  },
  {
    view: 'nonlinear',
    id: 'omniglot-probe-quick',
    run: '[data-testid=og-probe-status]',
    badge: '[data-testid=og-probe-status]',
    click: '[data-testid=og-probe-run]',
  },
];

const i = process.argv.indexOf('--only');
const only = i >= 0 ? process.argv[i + 1].split(',') : null;
const server = await serveDist();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const p of PAGE_PRESETS) {
  if (only && !only.includes(`${p.view}/${p.id}`)) continue;
  const preset = [...PRESETS_BY_VIEW[p.view], ...OMNIGLOT_PRESETS].find((x) => x.id === p.id);
  if (!preset) throw new Error(`no preset ${p.view}/${p.id}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const t0 = Date.now();
  await page.goto(`${server.url}?${preset.query}`);
  if (p.click) await page.click(p.click);
  await page.waitForSelector(`${p.run}[data-status=done]`, { timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      preset: `${p.view}/${p.id}`,
      seconds,
      ranOn: (await page.textContent(p.badge))?.trim(),
      cores: await page.evaluate(() => navigator.hardwareConcurrency),
    }),
  );
  await page.close();
}
await browser.close();
server.close();
