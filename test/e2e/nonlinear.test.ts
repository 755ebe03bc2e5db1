import { fig5Job } from '../../src/core/fig5/job';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../src/compute/nn/gradientsBrowser';
import { launchBrowser, openApp, screenshot } from './browser';
import { parseLink } from '../../src/core/params';
import { runFig5Sweep } from '../../src/compute/fig5/fig5Sweep';
import { directContext } from '../../src/core/jobs/context';

/** Small enough for a 2-core CI machine; the science is tested at full size in test/unit. */
const LINK =
  'view=nonlinear&lrSteps=500&f5Width=8&f5Epochs=20&f5Count=3&f5Runs=2&f5TestTasks=20' +
  '&msIters=40&probeIters=20&probeTasks=40&backend=wasm';

/** The y values and error bars of a plot's first trace. */
async function firstTrace(page: Page, testId: string) {
  return page.$eval(`[data-testid=${testId}] .plot-area`, (el) => {
    const d = (el as unknown as { data?: { y: number[]; error_y?: { array: number[] } }[] }).data;
    return { y: d?.[0]?.y ?? [], err: d?.[0]?.error_y?.array ?? [] };
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await browser?.close();
});

describe('nonlinear / Meta-SGD view', () => {
  test('learned αt: three trajectories end where their objectives put them', async () => {
    const { page, errors } = await openApp(browser, LINK);
    const rows = page.locator('[data-testid=learned-table] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 180_000, interval: 1000 }).toBe(3);
    await page.waitForSelector('[data-testid=learned-status][data-status=done]', {
      timeout: 180_000,
    });
    const value = async (kind: string) =>
      Number(
        await page.getAttribute(`[data-testid=learned-table] tr[data-kind=${kind}]`, 'data-value'),
      );
    expect(await value('freshTasks')).toBeGreaterThan(0);
    expect(await value('testHyperGradient')).toBeLessThan(-0.6);
    await page.waitForSelector('[data-testid=plot-learned-hist] .main-svg');
    await screenshot(page, 'nonlinear-learned-rates');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Fig. 5 sweep in the page (wasm worker) equals the same job in Node', async () => {
    const { page, errors } = await openApp(browser, LINK);
    await page.click('[data-testid=fig5-run]');
    await page.waitForSelector('[data-testid=fig5-statement]', { timeout: 180_000 });
    const shown = await firstTrace(page, 'plot-fig5');
    const node = await runFig5Sweep(fig5Job(parseLink(LINK).params), directContext());
    expect(shown.y).toHaveLength(3);
    shown.y.forEach((y, i) =>
      expect(Math.abs(y - node.meanTestLoss[i]) / node.meanTestLoss[i]).toBeLessThan(2e-3),
    );
    expect(shown.err.every((e) => e > 0)).toBe(true);
    expect(await page.textContent('[data-testid=fig5-statement]')).toContain('-0.0075');
    // The page's shard workers ran the wasm MAML kernel (relaxed SIMD in Chromium).
    expect(await page.textContent('[data-testid=fig5-flattened]')).toContain(
      'wasm MAML kernel (relaxed-simd)',
    );
    // Beside this reduced run: the stored paper-scale run, with its conclusion.
    const paper = await page.textContent('[data-testid=fig5-paper-result]');
    expect(paper).toContain('At the paper');
    expect(paper).toMatch(/best αt = /);
    await screenshot(page, 'nonlinear-fig5');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Meta-SGD histograms and table, probe accuracies with p-values; cancel works', async () => {
    const { page, errors } = await openApp(browser, LINK);
    await page.click('[data-testid=metasgd-run]');
    await page.waitForSelector('[data-testid=metasgd-status][data-status=done]', {
      timeout: 180_000,
    });
    expect(await page.locator('[data-testid=metasgd-table] tbody tr').count()).toBe(3);
    await page.click('[data-testid=probe-run]');
    await page.waitForSelector('[data-testid=probe-finding]', { timeout: 180_000 });
    expect(await page.textContent('[data-testid=probe-finding]')).toMatch(/p = /);
    const probe = await page.$eval('[data-testid=plot-probe] .plot-area', (el) =>
      ((el as unknown as { data: { y: number[] }[] }).data ?? []).flatMap((d) => d.y),
    );
    expect(probe).toHaveLength(6);
    for (const a of probe) expect(a).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'nonlinear-metasgd-probe');
    // A long sweep is cancelled promptly (width 400: on the kernel the link's tiny sweep would
    // finish before the click).
    await page.fill('.control[data-key=f5Width] input[type=number]', '400');
    await page.click('[data-testid=fig5-run]');
    await page.click('[data-testid=fig5-cancel]');
    await page.waitForSelector('[data-testid=fig5-status][data-status=cancelled]');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('status in words: paused shows no time left, cancelled says so in the plot, Meta-SGD says what it does after the last iteration', async () => {
    const { page, errors } = await openApp(
      browser,
      // Width 400: on the kernel a narrower sweep ends before the test can pause it.
      'view=nonlinear&f5Width=400&f5Epochs=3000&f5Runs=2&f5Count=3&f5TestTasks=20&msIters=30&msTestTasks=400&backend=wasm',
    );
    const fig5 = (s: string) => `[data-testid=fig5-${s}]`;
    await page.click(fig5('run'));
    await page.waitForSelector('[data-testid=plot-fig5] .main-svg', { timeout: 60_000 });
    await expect.poll(() => page.textContent(fig5('status'))).toMatch(/epoch \d+\/3000 .*left/);
    await page.click(fig5('pause'));
    await page.waitForSelector(`${fig5('status')}[data-status=paused]`);
    const paused = await page.textContent(fig5('status'));
    expect(paused).toMatch(/paused/);
    expect(paused).not.toMatch(/left/);
    await page.getByRole('button', { name: 'Resume' }).first().click();
    await page.click(fig5('cancel'));
    await page.waitForSelector(`${fig5('status')}[data-status=cancelled]`);
    expect(await page.textContent(fig5('status'))).toMatch(/cancelled at/);
    await expect
      .poll(() => page.textContent('[data-testid=plot-fig5] .gtitle'))
      .toMatch(/Cancelled/);

    // After its last iteration Meta-SGD still trains MAML and scores both: the line says so.
    await page.click('[data-testid=metasgd-run]');
    await expect
      .poll(() => page.textContent('[data-testid=metasgd-status]'), { timeout: 60_000 })
      .toMatch(
        /trained; training MAML for comparison, then scoring both on 400 test tasks|done in/,
      );
    await page.waitForSelector('[data-testid=metasgd-status][data-status=done]', {
      timeout: 90_000,
    });
    expect(await page.textContent('[data-testid=metasgd-status]')).toMatch(/done in .* on wasm/);
    await screenshot(page, 'nonlinear-status-words');
    expect(errors).toEqual([]);
    await page.close();
  });
});
