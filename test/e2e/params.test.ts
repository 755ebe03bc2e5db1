import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('controls and links validate alike (one parameter table)', () => {
  test('a typed out-of-range value is clamped like a link value, with the same notice', async () => {
    const { page, errors } = await openApp(browser, 'runs=20');
    const field = page.locator('.control[data-key=alphaT] input[type=number]');
    await field.fill('5');
    // While typing: the notice, not yet applied.
    await expect
      .poll(() => page.textContent('.control[data-key=alphaT] .field-error'))
      .toMatch(/outside \[-3, 3\]; clamped to 3/);
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('3');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('alphaT=3');
    expect(await page.textContent('.control[data-key=alphaT] .field-error')).toMatch(
      /clamped to 3/,
    );
    await screenshot(page, 'params-typed-clamped');

    // The same value in a link gives the same value and the same words.
    const linked = await openApp(browser, 'alphaT=5&runs=20');
    await expect
      .poll(() => linked.page.textContent('body'))
      .toMatch(/alphaT[^]*outside \[-3, 3\]; clamped to 3/);
    expect(await linked.page.inputValue('.control[data-key=alphaT] input[type=number]')).toBe('3');
    await linked.page.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  test('p has a log slider: the middle is ~32, not 500; an arrow key still moves by one', async () => {
    const { page, errors } = await openApp(browser, 'runs=20');
    const slider = page.locator('.control[data-key=p] input[type=range]');
    expect(await slider.getAttribute('data-scale')).toBe('log');
    await slider.evaluate((el: HTMLInputElement) => {
      // The native setter, so React sees a user change.
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(el, String((Number(el.max) + Number(el.min)) / 2));
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const field = page.locator('.control[data-key=p] input[type=number]');
    await expect.poll(() => field.inputValue().then(Number)).toBeGreaterThan(25);
    expect(Number(await field.inputValue())).toBeLessThan(40);
    await field.fill('60');
    await field.press('Enter');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => field.inputValue()).toBe('61');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => field.inputValue()).toBe('60');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a reversed range in a link is swapped with a notice, not 8000 diverged cells', async () => {
    const { page, errors } = await openApp(browser, 'view=stability&stAlpha=0.09,0.00001');
    await expect
      .poll(() => page.textContent('[data-testid=notices]'))
      .toMatch(/stAlpha.*reversed range.*swapped/);
    await page.waitForSelector('[data-testid=stability-heatmap] .main-svg', { timeout: 60_000 });
    expect(await page.inputValue('.control[data-key=stAlpha] input[type=number] >> nth=0')).toBe(
      '0.00001',
    );
    // The same grid as the range written the right way round.
    const diverged = async (p: typeof page) =>
      (await p.textContent('[data-testid=stability-readout]'))!.match(
        /\d+ of \d+ cells diverged/,
      )![0];
    const ordered = await openApp(browser, 'view=stability&stAlpha=0.00001,0.09');
    await ordered.page.waitForSelector('[data-testid=stability-heatmap] .main-svg');
    expect(await diverged(page)).toBe(await diverged(ordered.page));
    await ordered.page.close();
    await screenshot(page, 'params-reversed-range');
    expect(errors).toEqual([]);
    await page.close();
  });
});
