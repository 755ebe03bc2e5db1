import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from './browser';

/**
 * A lazily loaded part whose chunk cannot be fetched (network lost, chunk blocked) shows a message
 * with a retry button in its place; the rest of the page keeps working, and the part loads once
 * the network is back (the `online` event) or on "Retry".
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a lazy chunk that fails to load', () => {
  test('offline: message and retry in the page; back online, the view appears', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await context.setOffline(true);
    await page.click('nav.tabs button:has-text("α–β stability")');
    const failed = page.getByTestId('lazy-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.innerText()).toMatch(/could not be loaded/i);
    await expect(page.getByTestId('lazy-retry').isVisible()).resolves.toBe(true);
    // The rest of the app still works: header, tabs and the theory view (already loaded).
    await screenshot(page, 'offline-stability');
    expect((await page.locator('#root').innerHTML()).length).toBeGreaterThan(1000);
    await page.click('nav.tabs button:has-text("Theory")');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await page.click('nav.tabs button:has-text("α–β stability")');
    await failed.waitFor();
    // Network back: the `online` event retries with a fresh import; no click needed.
    await context.setOffline(false);
    await page.getByTestId('stability-readout').waitFor({ timeout: 30_000 });
    expect(await failed.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a blocked chunk: "Retry" loads it once it is reachable again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const block = (route: { abort(): Promise<void> }) => route.abort();
    await page.route('**/NonlinearView-*.js', block);
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await page.click('nav.tabs button:has-text("Nonlinear")');
    await page.getByTestId('lazy-failed').waitFor({ timeout: 30_000 });
    await page.unroute('**/NonlinearView-*.js', block);
    await page.getByTestId('lazy-retry').click();
    await page.getByTestId('fig5').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('lazy-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
