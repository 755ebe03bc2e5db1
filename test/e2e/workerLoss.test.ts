import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const runsDone = (page: Page) =>
  page.getAttribute('[data-testid=sim-progress]', 'data-done').then(Number);

/** Ends the page's compute worker from inside, as a crash or `self.close()` would. */
async function killComputeWorker(page: Page) {
  const worker = page.workers().find((w) => w.url().includes('computeWorker'));
  if (!worker) throw new Error('no compute worker');
  await worker.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});
}

describe('a dead worker does not hang the page', () => {
  test('the client notices, starts a new worker and re-runs the job; later jobs run too', async () => {
    const { page, errors } = await openApp(
      browser,
      'runs=100000&estimator=mc&testTasks=50&testPoints=50&backend=wasm',
    );
    await expect.poll(() => runsDone(page), { timeout: 60_000 }).toBeGreaterThan(0);
    await killComputeWorker(page);
    // Within the liveness timeout (60 s) the job is re-run on a fresh worker, and says so.
    await expect
      .poll(() => page.textContent('[data-testid=sim-panel]'), { timeout: 80_000 })
      .toMatch(/worker was lost.*re-ran this job/);
    const after = await runsDone(page);
    await expect.poll(() => runsDone(page), { timeout: 60_000 }).toBeGreaterThan(after);
    await screenshot(page, 'worker-lost-rerun');

    // A parameter change afterwards starts and finishes normally on the new worker.
    const runs = page.locator('.control[data-key=runs] input[type=number]');
    await runs.fill('40');
    await runs.press('Enter');
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 60_000 })
      .toBe('done');
    expect(await runsDone(page)).toBe(40);
    expect(errors).toEqual([]);
    await page.close();
  });
});
