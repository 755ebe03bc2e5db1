/**
 * Omniglot panels 3 (α–β heatmap, Fig. 4b) and 5 (feature-reuse probe) in Chromium on a tiny
 * setting: run, pause / resume, cancel, the heatmap with its diverged state and the paper's claim,
 * the probe's tables and verdicts, the export next to the CLI's numbers for the same link, a
 * preset button, and screenshots of each panel at 360 and 1920 px.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useNodeBackend } from '../../src/compute/backend/node';
import { launchBrowser, openApp } from './browser';
import { parseLink } from '../../src/core/params';
import { nonlinearReport } from '../../src/compute/reports/nonlinearReport';

const GRID =
  'view=nonlinear&ogGridFilters=2&ogGridIters=3&ogGridMetaBatch=1&ogGridQueries=2' +
  '&ogGridAlphaCells=2&ogGridBetaCells=3&ogGridEvalTasks=3&ogGridAlpha=0.01,1&ogGridBeta=0.1,1000' +
  '&backend=wasm';
const PROBE = 'view=nonlinear&ogFilters=2&ogIters=4&ogMetaBatch=2&ogEvalTasks=10&backend=wasm';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await useNodeBackend('wasm');
});
afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, selector: string) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await dl.path()).toString();
}

/** The panel alone, at a phone's and a wide desktop's width. */
async function panelShots(page: Page, testId: string, name: string) {
  for (const width of [360, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(400); // Plotly relayouts on resize
    const box = await page.locator(`[data-testid=${testId}]`).boundingBox();
    // nothing wider than the viewport (tables scroll inside their own box)
    expect(box!.width).toBeLessThanOrEqual(width);
    await page
      .locator(`[data-testid=${testId}]`)
      .screenshot({ path: `test-results/screenshots/${name}-${width}.png` });
  }
}

describe('Omniglot α–β heatmap and feature-reuse probe', () => {
  test('α–β grid: streams cells, pauses, finishes; diverged state; claim; export = CLI', async () => {
    const { page, errors } = await openApp(browser, GRID);
    await page.click('[data-testid=og-stability-run]');
    await page.waitForSelector('[data-testid=og-stability-status][data-status=running]');
    await page.waitForFunction(() =>
      /cell [2-6]\/6/.test(
        document.querySelector('[data-testid=og-stability-status]')?.textContent ?? '',
      ),
    );
    await page.click('[data-testid=og-stability-pause]');
    await page.waitForSelector('[data-testid=og-stability-status][data-status=paused]');
    // partial cells are drawn while paused
    expect(await page.$('[data-testid=plot-og-stability] .hm')).not.toBeNull();
    await page.click('[data-testid=og-stability-status] button:has-text("Resume")');
    await page.waitForSelector('[data-testid=og-stability-status][data-status=done]', {
      timeout: 110_000,
    });
    const finding = await page.textContent('[data-testid=og-stability-finding]');
    expect(finding).toMatch(/largest stable β at the smallest α/);
    expect(finding).toMatch(/Verdict: (agrees|disagrees|undecided)/);
    expect(await page.textContent('[data-testid=og-stability-reduced]')).toMatch(
      /Reduced versus the paper.*filters 2 \(paper 64\)/,
    );
    const legend = await page.textContent('[data-testid=plot-og-stability] .legend');
    expect(legend).toContain('diverged (evaluation loss non-finite or above 10)');

    const json = JSON.parse(await download(page, '[data-testid=export-json]'));
    const { params } = parseLink(GRID);
    const cli = await nonlinearReport(params, ['omniglotStability']);
    const g = json.omniglotStability.grid;
    expect(g.alpha).toEqual(cli.omniglotStability!.grid.alpha);
    expect(g.diverged).toEqual(cli.omniglotStability!.grid.diverged);
    (g.loss as (number | null)[][]).forEach((row, i) =>
      row.forEach((v, j) => {
        const c = cli.omniglotStability!.grid.loss[i][j];
        if (v === null || c === null) expect(v).toBe(c);
        else expect(Math.abs(v - c)).toBeLessThan(1e-3 * Math.max(1, Math.abs(c)));
      }),
    );
    const csv = await download(page, '[data-testid=export-csv]');
    expect(csv.split('\n').filter((l) => l.startsWith('omniglotStability,'))).toHaveLength(6);
    await panelShots(page, 'og-stability', 'omniglot-stability');
    await page.click('[data-testid=preset-omniglot-fig4b-quick]');
    await page.waitForFunction(() => location.search.includes('ogExperiment=stability'));
    expect(errors).toEqual([]);
    await page.close();
  });

  test('α–β grid: cancel stops it', async () => {
    const { page, errors } = await openApp(
      browser,
      GRID.replace('ogGridIters=3', 'ogGridIters=50'),
    );
    await page.click('[data-testid=og-stability-run]');
    await page.waitForSelector('[data-testid=og-stability-status][data-status=running]');
    await page.click('[data-testid=og-stability-status] button:has-text("Cancel")');
    await page.waitForSelector('[data-testid=og-stability-status][data-status=cancelled]');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('probe: (a)/(b)/(c) for MAML and Meta-SGD, paired CIs, verdicts by CI; export = CLI', async () => {
    const { page, errors } = await openApp(browser, PROBE);
    await page.click('[data-testid=og-probe-run]');
    await page.waitForSelector('[data-testid=og-probe-status][data-status=done]', {
      timeout: 110_000,
    });
    const rows = await page.$$eval('[data-testid=og-probe-table] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => r[0])).toEqual(['MAML', 'Meta-SGD']);
    for (const r of rows) for (const cell of r.slice(1)) expect(cell).toMatch(/\d+\.\d ± \d+\.\d/);
    const verdicts = await page.$$eval(
      '[data-testid=og-probe-claims] tbody tr td:last-child',
      (t) => t.map((e) => e.textContent),
    );
    expect(verdicts).toHaveLength(5);
    for (const v of verdicts) expect(['agrees', 'disagrees', 'inconclusive']).toContain(v);
    expect(await page.textContent('[data-testid=og-probe-claims-note]')).toContain('p = 0.00044');
    expect(await page.$('[data-testid=plot-og-probe] .barlayer')).not.toBeNull();

    const json = JSON.parse(await download(page, '[data-testid=export-json]'));
    const { params } = parseLink(PROBE);
    const cli = await nonlinearReport(params, ['omniglotProbe']);
    expect(json.omniglotProbe.setting).toEqual(cli.omniglotProbe!.setting);
    json.omniglotProbe.arms.forEach((a: { pre: { mean: number } }, i: number) =>
      expect(Math.abs(a.pre.mean - cli.omniglotProbe!.arms[i].pre.mean)).toBeLessThan(0.05),
    );
    expect(Object.keys(json.curves)).toContain('omniglotProbe.perTask.Meta-SGD');
    await panelShots(page, 'og-probe', 'omniglot-probe');
    expect(errors).toEqual([]);
    await page.close();
  });
});
