/**
 * What a new user tripped over, after a change of state: plot sizes when the set of plots changes,
 * Back and Forward, the preset menu, and the grid a stability setting brings. Each failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { openStyled } from './classroomPage';
import { FEW, FOCUS, LAPTOP, plotBox, sizeMatches } from './newuserPage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('1. plots follow their container when the set of plots changes', () => {
  test('both → αr only → both, and a preset after the default view', async () => {
    const { page, errors } = await openStyled(browser, FEW, LAPTOP);
    await expect.poll(() => sizeMatches(page, 'plot-alphaR')).toBe(true);
    await page.selectOption(FOCUS, 'alphaR');
    await expect.poll(() => sizeMatches(page, 'plot-alphaR')).toBe(true);
    expect((await plotBox(page, 'plot-alphaR'))!.svg).toBeGreaterThan(800);
    await screenshot(page, 'newuser-1-alphaR-only-1366');
    await page.selectOption(FOCUS, 'both');
    await expect.poll(() => sizeMatches(page, 'plot-alphaR')).toBe(true);
    expect((await plotBox(page, 'plot-alphaR'))!.svg).toBeLessThan(600);
    await screenshot(page, 'newuser-1-both-1366');
    await page.selectOption('[data-testid=preset-select]', 'fig2a');
    await expect.poll(() => sizeMatches(page, 'plot-alphaR')).toBe(true);
    expect((await plotBox(page, 'plot-alphaR'))!.svg).toBeGreaterThan(800);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('12. Back and Forward step through discrete changes', () => {
  test('a view or enum choice adds a history entry; slider edits do not', async () => {
    const { page, errors } = await openStyled(browser, FEW, LAPTOP);
    const start = page.url();
    const length = () => page.evaluate(() => history.length);
    const before = await length();
    await page.selectOption(FOCUS, 'alphaT');
    await expect.poll(() => page.url()).toMatch(/focus=alphaT/);
    expect(await length()).toBe(before + 1);
    // Typing several values is one edit of the current entry, not one entry each.
    for (const v of ['-0.5', '-0.6', '-0.7']) {
      await page.fill('.control[data-key=alphaT] input[type=number]', v);
      await page.waitForTimeout(250);
    }
    await expect.poll(() => page.url()).toMatch(/alphaT=-0\.7/);
    expect(await length()).toBe(before + 1);
    await page.click('nav.tabs button:has-text("stability")');
    await expect.poll(() => page.url()).toMatch(/view=stability/);
    await page.goBack();
    // Back: the previous state, still in the app.
    await expect.poll(() => page.url()).toMatch(/focus=alphaT/);
    expect(page.url()).toMatch(/alphaT=-0\.7/);
    await page.locator('[data-testid=plot-alphaT]').waitFor();
    await page.goBack();
    await expect.poll(() => page.inputValue(FOCUS)).toBe('both');
    expect(page.url()).toBe(start);
    expect(await page.inputValue('.control[data-key=alphaT] input[type=number]')).toBe('0.2');
    await page.goForward();
    await expect.poll(() => page.inputValue(FOCUS)).toBe('alphaT');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('5. the preset menu names the loaded preset', () => {
  test('preset while the parameters equal it, "custom" after an edit', async () => {
    const { page, errors } = await openStyled(browser, '', LAPTOP);
    const select = '[data-testid=preset-select]';
    const shown = () =>
      page.$eval(select, (s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    expect(await shown()).toMatch(/choose a figure/);
    await page.selectOption(select, 'fig2b');
    await expect.poll(shown).toMatch(/^Fig\. 2b/);
    await page.fill('.control[data-key=alphaT] input[type=number]', '-0.5');
    await expect.poll(shown).toMatch(/custom/);
    await screenshot(page, 'newuser-5-custom-1366');
    await page.fill('.control[data-key=alphaT] input[type=number]', '0.2');
    await expect.poll(shown).toMatch(/^Fig\. 2b/);
    await screenshot(page, 'newuser-5-fig2b-1366');
    // The same figure in another view's menu: a stability preset.
    await page.click('nav.tabs button:has-text("stability")');
    await page.selectOption(select, 'mixed-gd');
    await expect.poll(shown).toMatch(/^Mixed linear regression/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('2. a stability setting brings its own ranges and grid', () => {
  test('switching to sinusoid regression takes the paper’s Fig. 4a grid, and back', async () => {
    const { page, errors } = await openStyled(browser, 'view=stability', LAPTOP);
    const setting = '.control[data-key=stTask] select';
    const fields = async () =>
      page.$$eval(
        '.control[data-key=stAlpha] input, .control[data-key=stBeta] input, .control[data-key=stAlphaCells] input[type=number], .control[data-key=stBetaCells] input[type=number]',
        (els) => els.map((e) => (e as HTMLInputElement).value),
      );
    expect(await fields()).toEqual(['0.00001', '0.09', '0.005', '9', '40', '40']);
    await page.selectOption(setting, 'sinusoid');
    await expect.poll(fields).toEqual(['0.0001', '0.9', '0.01', '9', '20', '20']);
    expect(page.url()).toMatch(/stAlphaCells=20/);
    await page.selectOption(setting, 'mixed');
    await expect.poll(fields).toEqual(['-1', '1', '0.01', '3', '41', '40']);
    expect(await page.inputValue('.control[data-key=stAlphaAxis] select')).toBe('linear');
    await page.selectOption(setting, 'linear');
    await expect.poll(fields).toEqual(['0.00001', '0.09', '0.005', '9', '40', '40']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
