import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../src/compute/nn/gradientsBrowser';
import { launchBrowser, screenshot } from './browser';
import { openStyled } from './classroomPage';
import { parseLink } from '../../src/core/params';
import { curvesToCsv } from '../../src/core/curvesCsv';
import { nonlinearReport } from '../../src/compute/reports/nonlinearReport';

/** Small and fast (as in nonlinear.test.ts); Meta-SGD long enough to be paused half-way. */
const LINK =
  'view=nonlinear&lrSteps=500&f5Width=8&f5Epochs=20&f5Count=3&f5Runs=2&f5TestTasks=20' +
  '&msIters=4000&backend=wasm';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, selector: string) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path()).toString() };
}

const closeTo = (a: number, b: number, rel: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b), 1e-12));

describe('nonlinear view export', () => {
  test('CSV and JSON of the panels that have run, in the CLI schema, with the numbers shown', async () => {
    const { page, errors } = await openStyled(browser, LINK);
    await page.waitForSelector('[data-testid=learned-status][data-status=done]', {
      timeout: 180_000,
    });
    await page.click('[data-testid=fig5-run]');
    await page.waitForSelector('[data-testid=fig5-statement]', { timeout: 180_000 });
    // The Omniglot sample task runs by itself with the view (instant once the data is loaded).
    await page.waitForSelector('[data-testid=og-status][data-status=done]');

    const file = await download(page, '[data-testid=export-json]');
    expect(file.name).toBe('meta-lr-nonlinear.json');
    const json = JSON.parse(file.text);
    // The CLI (`repro view=nonlinear --sections learnedRates,fig5,omniglotTask`) for the same link,
    // in Node.
    const { params } = parseLink(LINK);
    const cli = JSON.parse(
      JSON.stringify({
        config: params,
        notices: [],
        ...(await nonlinearReport(params, ['learnedRates', 'fig5', 'omniglotTask'])),
      }),
    );
    expect(Object.keys(json)).toEqual(Object.keys(cli));
    expect(json.config).toEqual(cli.config);
    expect(json.notices).toEqual([]);
    expect('metaSgd' in json || 'probe' in json).toBe(false);
    expect(json.backend).toBe('wasm');
    expect(Object.keys(json.seconds)).toEqual(['learnedRates', 'fig5', 'omniglotTask']);
    expect(json.omniglotTask).toEqual(cli.omniglotTask);
    for (const s of ['learnedRates', 'fig5'])
      expect(Object.keys(json[s]), s).toEqual(Object.keys(cli[s]));
    expect(Object.keys(json.learnedRates.trajectories[0])).toEqual(
      Object.keys(cli.learnedRates.trajectories[0]),
    );
    expect(Object.keys(json.curves)).toEqual(Object.keys(cli.curves));

    // Learned rates are plain Float64 JavaScript: the page's run is the CLI's.
    json.learnedRates.trajectories.forEach((t: { final: { mean: number } }, i: number) =>
      closeTo(t.final.mean, cli.learnedRates.trajectories[i].final.mean, 1e-9),
    );
    // ... and the table shows the exported values.
    for (const t of json.learnedRates.trajectories.filter(
      (t: { perParameter: boolean }) => !t.perParameter,
    ))
      expect(
        Number(
          await page.getAttribute(
            `[data-testid=learned-table] tr[data-kind=${t.kind}]`,
            'data-value',
          ),
        ),
      ).toBe(t.final.mean);
    // Fig. 5: wasm in the page, tfjs cpu in Node (float32 either way).
    json.fig5.meanTestLoss.forEach((y: number, i: number) =>
      closeTo(y, cli.fig5.meanTestLoss[i], 2e-3),
    );
    const plotted = await page.$eval(
      '[data-testid=plot-fig5] .plot-area',
      (el) => (el as unknown as { data: { y: number[] }[] }).data[0]!.y,
    );
    expect(plotted).toEqual(json.fig5.meanTestLoss);
    expect(await page.textContent('[data-testid=fig5-statement]')).toBe(json.fig5.statement);
    expect(json.fig5.setting.alphas).toEqual(json.fig5.alphas);

    // CSV: the CLI's columns (`--format csv`), one row per plotted point.
    const csv = (await download(page, '[data-testid=export-csv]')).text.trim().split('\n');
    expect(csv[0]).toBe(curvesToCsv(cli.curves).split('\n')[0]);
    const col = (name: string) => csv[0]!.split(',').indexOf(name);
    const fig5Rows = csv.filter((l) => l.startsWith('fig5,')).map((l) => l.split(','));
    expect(fig5Rows.map((r) => Number(r[1]))).toEqual(json.fig5.alphas);
    expect(fig5Rows.map((r) => Number(r[col('meanTestLoss')]))).toEqual(plotted);
    expect(csv.filter((l) => l.startsWith('learnedRates.fixedTasks,'))).toHaveLength(
      json.curves['learnedRates.fixedTasks'].x.length,
    );
    expect(csv.some((l) => /^(metaSgd|probe)/.test(l))).toBe(false);

    // A paused run is exported as far as it got, marked unfinished.
    await page.click('[data-testid=metasgd-run]');
    const progress = page.locator('[data-testid=metasgd-status] .job-progress');
    await expect.poll(() => progress.textContent(), { timeout: 120_000 }).toMatch(/meta-loss/);
    await page.click('[data-testid=metasgd-pause]');
    await page.waitForSelector('[data-testid=metasgd-status][data-status=paused]');
    await page.waitForSelector('[data-testid=plot-metasgd-hist] .main-svg');
    const paused = JSON.parse((await download(page, '[data-testid=export-json]')).text);
    expect(paused.metaSgd).toMatchObject({ done: false, status: 'paused', error: null });
    const shown = (await progress.textContent())!.match(/iteration (\d+)\/4000/);
    expect(paused.metaSgd.progress.iteration).toBe(Number(shown![1]));
    expect(paused.metaSgd.progress.rateStats.map((s: { name: string }) => s.name)).toEqual([
      'hidden 1',
      'hidden 2',
      'output',
    ]);
    expect('metaSgd' in paused.seconds).toBe(false);
    expect(Object.keys(paused.curves)).toContain('metaSgd.output');
    await screenshot(page, 'nonlinear-export');
    await page.click('[data-testid=metasgd-cancel]');

    // Another Fig. 5 setting: the sweep on screen and in the export is gone, nothing stale stays.
    await page.fill('[data-key=f5Epochs] input[type=number]', '21');
    await page.waitForSelector('[data-testid=fig5-status][data-status=idle]');
    expect(await page.locator('[data-testid=plot-fig5]').count()).toBe(0);
    const after = JSON.parse((await download(page, '[data-testid=export-json]')).text);
    expect(after.config.f5Epochs).toBe(21);
    expect('fig5' in after).toBe(false);
    expect(Object.keys(after.curves).some((k) => k.startsWith('fig5'))).toBe(false);
    expect(after.learnedRates).toEqual(json.learnedRates);
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
