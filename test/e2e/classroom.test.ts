import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { DESKTOP, PHONE, openStyled } from './classroomPage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The simulation is not under test here: few runs keep the CPU free for the page.
const FIG2B = 'nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&alphaT=0.2&alphaR=0.2&runs=10';

describe('understanding on the page', () => {
  test('the explanation and the live equation follow the readout', async () => {
    const { page, errors } = await openStyled(browser, FIG2B);
    const explain = page.locator('[data-testid=explain]');
    await expect.poll(() => explain.innerText()).toMatch(/no inner loop/i);
    expect(await explain.innerText()).toMatch(/ANIL/);
    expect(await page.locator('[data-testid=equations] h3').first().innerText()).toMatch(
      /Theorem 1/,
    );
    // Eq. 8 with the Fig. 2 numbers: αt⁻ = −1.011.
    const numbers = page.locator('[data-testid=equation-numbers]');
    expect(await numbers.nth(1).getAttribute('data-tex')).toContain('-1.011');
    // KaTeX rendered (its HTML) and its own font loaded under the CSP.
    expect(await page.locator('[data-testid=equations] .katex-html').count()).toBeGreaterThan(3);
    await expect
      .poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main')))
      .toBe(true);
    const before = await numbers.first().getAttribute('data-tex');
    await page.fill('.control[data-key=alphaT] input[type=number]', '-0.5');
    await expect.poll(() => numbers.first().getAttribute('data-tex')).not.toBe(before);
    expect(await numbers.first().getAttribute('data-tex')).toContain('(-0.5)');
    // Underparameterized: Theorem 2 and Eq. 10.
    await page.fill('.control[data-key=m] input[type=number]', '40');
    await expect
      .poll(() => page.locator('[data-testid=equations] h3').first().innerText())
      .toMatch(/Theorem 2/);
    expect(await page.locator('[data-testid=equations]').innerText()).toMatch(/Eq\. 10/);
    await screenshot(page, 'classroom-equations-theorem2');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [name, viewport, scheme] of [
    ['phone-light', PHONE, 'light'],
    ['phone-dark', PHONE, 'dark'],
    ['desktop-dark', DESKTOP, 'dark'],
    ['nonlinear-phone-light', PHONE, 'light'],
    ['nonlinear-projector-dark', DESKTOP, 'dark'],
    ['stability-phone-dark', PHONE, 'dark'],
  ] as const) {
    test(`layout fits ${name}`, async () => {
      const nonlinear = !name.startsWith('phone') && !name.startsWith('desktop');
      const query = nonlinear
        ? `view=${name.split('-')[0]}${name.includes('projector') ? '&projector=1' : ''}`
        : FIG2B;
      const { page, errors } = await openStyled(browser, query, viewport, scheme);
      await page.locator(nonlinear ? '[data-testid=explain]' : '[data-testid=equations]').waitFor();
      // Nothing wider than the screen: no horizontal page scroll on a phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `classroom-${name}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

test('the stability view explains its axes and shows its boundary in numbers', async () => {
  const { STABILITY_PRESETS } = await import('../../src/core/stability/presets');
  const fig3 = STABILITY_PRESETS.find((p) => p.id === 'fig3')!;
  const { page, errors } = await openStyled(browser, fig3.query);
  const explain = page.locator('[data-testid=explain]');
  await expect.poll(() => explain.innerText()).toMatch(/no inner loop/i);
  expect(await explain.innerText()).toMatch(/negative α/);
  const numbers = page.locator('[data-testid=equation-numbers]');
  await expect.poll(() => numbers.getAttribute('data-tex')).toMatch(/\\alpha_c = 0\.0\d+/);
  await screenshot(page, 'classroom-stability-explained');
  expect(errors).toEqual([]);
  await page.close();
});

describe('everyone can use it', () => {
  test('keyboard only: Tab reaches the controls with a visible focus ring, arrows change them', async () => {
    const { page, errors } = await openStyled(browser, FIG2B);
    const seen = new Set<string>();
    let ringOk = true;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const name =
          el.getAttribute('aria-label') ??
          (el as HTMLInputElement).labels?.[0]?.textContent ??
          el.textContent ??
          '';
        return { tag: el.tagName, name: name.trim(), outline: parseFloat(cs.outlineWidth) };
      });
      if (!info) continue;
      seen.add(`${info.tag}:${info.name}`);
      if (info.outline < 2) ringOk = false;
      // Every focusable control has an accessible name.
      expect(info.name, info.tag).not.toBe('');
    }
    expect(ringOk).toBe(true);
    expect([...seen].some((s) => s.startsWith('INPUT:αt'))).toBe(true);
    // Keyboard changes a slider.
    await page.focus('.control[data-key=alphaT] input[type=range]');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.inputValue('.control[data-key=alphaT] input[type=number]'))
      .toBe('0.19');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('plots follow dark mode', async () => {
    const { page } = await openStyled(browser, FIG2B, DESKTOP, 'dark');
    // Light text on the dark page (rgb components well above the background's), once drawn.
    const tickBrightness = async () => {
      const tick = page.locator('[data-testid=plot-alphaT] .xtick text').first();
      if (!(await tick.count())) return 0;
      const fill = await tick.evaluate((el) => getComputedStyle(el).fill);
      return (fill.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
    };
    await expect.poll(tickBrightness, { timeout: 20_000 }).toBeGreaterThan(500);
    await page.close();
  });
});

describe('fast to open', () => {
  test('the JavaScript the page needs before it runs is small and holds no TensorFlow.js', async () => {
    const { readFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const { initialScripts, TFJS_SIGNATURE } = await import('../../scripts/initialScripts');
    const initial = initialScripts('dist');
    expect(initial.length).toBeGreaterThan(0);
    let gz = 0;
    for (const path of initial) {
      const code = readFileSync(`dist/${path}`);
      gz += gzipSync(code).length;
      expect(TFJS_SIGNATURE.test(code.toString()), path).toBe(false);
    }
    expect(gz / 1024).toBeLessThan(800);
    // And the page draws its first curve with only that much of its own script.
    const page = await browser.newPage();
    const { baseUrl } = await import('./browser');
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid=plot-alphaT] .scatterlayer path.js-line');
    await page.close();
  });
});
