/**
 * The Omniglot training panels in Chromium (the page's compute worker, tfjs wasm) on a tiny
 * setting: run, the table and plots, pause / resume, the export in the CLI's schema next to the
 * CLI's own numbers for the same link (Node, tfjs wasm: the same kernels, but the browser may pick
 * another wasm build (threads), so accuracies are compared to within a few images). Panels 3 (the
 * α–β heatmap) and 5 (the feature-reuse probe) also: pause / resume, cancel, the diverged state,
 * the paper's claims, a preset button, and screenshots of each panel at 360 and 1920 px.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useNodeBackend } from '../../src/compute/backend/node';
import { launchBrowser, openApp, screenshot } from './browser';
import { parseLink } from '../../src/core/params';
import { nonlinearReport } from '../../src/compute/reports/nonlinearReport';

// 4 filters: MAML and αt = 0 train on the wasm Conv4 kernel, ANIL and Meta-SGD on tfjs
const TINY =
  'view=nonlinear&ogFilters=4&ogIters=4&ogMetaBatch=2&ogEvalTasks=10&ogAlphas=-0.3,0.3&ogCount=2' +
  '&backend=wasm';

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

describe('Omniglot training panels', () => {
  test('inner loop: MAML, NIL, ANIL, αt = 0 with CIs beside the full-Omniglot numbers; export = CLI', async () => {
    const { page, errors } = await openApp(browser, TINY);
    await page.click('[data-testid=og-inner-loop-run]');
    await page.waitForSelector('[data-testid=og-inner-loop-status][data-status=done]', {
      timeout: 110_000,
    });
    const rows = await page.$$eval('[data-testid=og-inner-loop-table] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => r[0])).toEqual(['MAML', 'NIL', 'ANIL', 'αt = 0']);
    for (const r of rows) for (const cell of r.slice(2)) expect(cell).toMatch(/\d+\.\d ± \d+\.\d/);
    const raghu = await page.textContent('[data-testid=og-raghu-table]');
    expect(raghu).toContain('FULL Omniglot');
    expect(raghu).toContain('93.7 ± 0.7');
    expect(await page.$('[data-testid=plot-og-inner-loop] .barlayer')).not.toBeNull();
    expect(await page.$('[data-testid=plot-og-train] .scatterlayer path.js-line')).not.toBeNull();
    await screenshot(page, 'omniglot-inner-loop');
    const engines = await page.textContent('[data-testid=og-inner-loop-table-engine]');
    expect(engines).toMatch(
      /MAML αt = 0\.4: wasm Conv4 MAML kernel \(relaxed-simd\)( × 2 threads)?, [\d.]+ s/,
    );
    expect(engines).toMatch(/ANIL αt = 0\.4: tfjs \(wasm\)/);
    expect(engines).toMatch(/αt = 0: wasm Conv4 MAML kernel/);
    expect(engines).toContain(
      'Scored by: MAML, NIL, αt = 0: wasm Conv4 kernel; ANIL: tfjs (wasm).',
    );

    const json = JSON.parse(await download(page, '[data-testid=export-json]'));
    const page1 = json.omniglotInnerLoop;
    const { params } = parseLink(TINY);
    const cli = await nonlinearReport(params, ['omniglotInnerLoop']);
    expect(page1.setting).toEqual(cli.omniglotInnerLoop!.setting);
    expect(page1.arms.map((a: { arm: string }) => a.arm)).toEqual(
      cli.omniglotInnerLoop!.arms.map((a) => a.arm),
    );
    page1.arms.forEach((a: { fiveWay: { acc: { mean: number } }[] }, i: number) =>
      a.fiveWay.forEach((f, k) =>
        expect(
          Math.abs(f.acc.mean - cli.omniglotInnerLoop!.arms[i].fiveWay[k].acc.mean),
        ).toBeLessThan(0.05),
      ),
    );
    expect(Object.keys(json.curves)).toContain('omniglotInnerLoop.train.MAML');
    const csv = await download(page, '[data-testid=export-csv]');
    expect(csv).toContain('omniglotInnerLoop,MAML');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('negative rates: accuracy vs αt; pause and resume; a preset button loads its link', async () => {
    // 2 filters: the tfjs engine, slow enough to pause mid-training
    const slow = TINY.replace('ogFilters=4', 'ogFilters=2').replace('ogIters=4', 'ogIters=60');
    const { page, errors } = await openApp(browser, slow);
    await page.click('[data-testid=og-rates-run]');
    await page.waitForSelector('[data-testid=og-rates-status][data-status=running]');
    await page.waitForFunction(() =>
      /train [1-9]/.test(
        document.querySelector('[data-testid=og-rates-status]')?.textContent ?? '',
      ),
    );
    await page.click('[data-testid=og-rates-pause]');
    await page.waitForSelector('[data-testid=og-rates-status][data-status=paused]');
    await page.click('[data-testid=og-rates-status] button:has-text("Resume")');
    await page.waitForSelector('[data-testid=og-rates-status][data-status=done]', {
      timeout: 110_000,
    });
    const alphas = await page.$$eval('[data-testid=og-rates-table] tbody tr td:nth-child(2)', (t) =>
      t.map((e) => e.textContent),
    );
    expect(alphas).toEqual(['-0.3', '0.3']);
    expect(await page.textContent('[data-testid=og-rates-finding]')).toMatch(/Best αt here/);
    await screenshot(page, 'omniglot-rates');
    await page.click('[data-testid=preset-omniglot-rates-quick]');
    await page.waitForFunction(() => location.search.includes('ogExperiment=rates'));
    expect(errors).toEqual([]);
    await page.close();
  });

  test("MAML on the kernel: half of each meta-batch on a nested Web Worker, the CLI's numbers", async () => {
    // ~0.6 s of training per arm: long enough for the nested worker (~0.1 s to start) to take
    // most meta-batches
    const link =
      'view=nonlinear&ogFilters=16&ogIters=150&ogMetaBatch=4&ogEvalTasks=10&ogAlphas=0.3,0.4' +
      '&ogCount=2&backend=wasm';
    const { page, errors } = await openApp(browser, link);
    await page.click('[data-testid=og-rates-run]');
    await page.waitForSelector('[data-testid=og-rates-status][data-status=done]', {
      timeout: 110_000,
    });
    const engines = await page.textContent('[data-testid=og-rates-table-engine]');
    expect(engines).toMatch(/wasm Conv4 MAML kernel \(relaxed-simd\) × 2 threads, [\d.]+ s/);
    const json = JSON.parse(await download(page, '[data-testid=export-json]'));
    // the CLI on one thread: the two fixed groups of tasks give the same numbers, bit for bit
    const cli = await nonlinearReport(parseLink(link).params, ['omniglotRates']);
    for (const key of ['omniglotRates.train.αt = 0.3', 'omniglotRates.train.αt = 0.4']) {
      const want = cli.curves[key].loss as number[];
      expect(json.curves[key].loss).toHaveLength(150);
      expect(json.curves[key].loss).toEqual(want);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Meta-SGD: learned-rate histograms per layer and the Table-1 statistics', async () => {
    const { page, errors } = await openApp(browser, TINY);
    await page.click('[data-testid=og-metasgd-run]');
    await page.waitForSelector('[data-testid=og-metasgd-status][data-status=done]', {
      timeout: 110_000,
    });
    const layers = await page.$$eval(
      '[data-testid=og-metasgd-table] tbody tr td:first-child',
      (t) => t.map((e) => e.textContent),
    );
    expect(layers).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'head']);
    for (const l of layers)
      expect(await page.$(`[data-testid=plot-og-rates-${l}] .barlayer`)).not.toBeNull();
    expect(await page.textContent('[data-testid=og-metasgd-table]')).toContain('-0.018');
    await screenshot(page, 'omniglot-metasgd');
    expect(errors).toEqual([]);
    await page.close();
  });
});

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
