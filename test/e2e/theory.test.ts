import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';
import { THEORY_PRESETS } from '../../src/core/presets';
import { encodeLink, parseLink } from '../../src/core/params';
import { computeTheoryReport } from '../../src/core/theoryReport';

/** The CLI's JSON for a link, produced by actually running `npm run repro`'s entry point. */
function cli(link: string) {
  const out = execFileSync('npx', ['tsx', 'src/cli/repro.ts', link], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out);
}

/** The y values of a plot's first trace (Plotly keeps the figure on its element). */
async function curveY(page: Page, testId: string): Promise<number[]> {
  return page.$eval(`[data-testid=${testId}] .plot-area`, (el) => {
    const data = (el as unknown as { data?: { y: number[] }[] }).data;
    return data?.[0]?.y ?? [];
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('theory view', () => {
  test('a preset link restores its controls, and the readout equals the CLI', async () => {
    const preset = THEORY_PRESETS.find((p) => p.id === 'fig2b')!;
    const q = new URLSearchParams(preset.query);
    q.set('focus', 'both');
    q.set('alphaT', '-0.5');
    const link = q.toString();
    const { page, errors } = await openApp(browser, link);
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    for (const [key, value] of Object.entries({
      p: '60',
      nt: '30',
      nv: '2',
      nr: '20',
      m: '3',
      alphaT: '-0.5',
    })) {
      await expect
        .poll(() => page.inputValue(`.control[data-key=${key}] input[type=number]`))
        .toBe(value);
    }
    const shown = Number(await page.getAttribute('[data-testid=current-loss]', 'data-value'));
    const expected = cli(link).current.theory;
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(shown - expected) / expected).toBeLessThan(1e-12);
    expect(await page.textContent('[data-testid=theorem-badge]')).toContain('Theorem 1');
    expect(await curveY(page, 'plot-alphaT')).toHaveLength(401);
    await screenshot(page, 'theory-fig2b');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('moving a slider redraws the plot and updates the URL', async () => {
    const { page, errors } = await openApp(browser, 'alphaR=0.2');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    const before = await curveY(page, 'plot-alphaT');
    const slider = page.locator('.control[data-key=alphaR] input[type=range]');
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.inputValue('.control[data-key=alphaR] input[type=number]'))
      .toBe('0.3');
    await expect.poll(async () => (await curveY(page, 'plot-alphaT'))[100]).not.toBe(before[100]);
    await expect.poll(() => page.url()).toContain('alphaR=0.3');
    // The readout agrees with the CLI for the URL the page wrote.
    const shown = Number(await page.getAttribute('[data-testid=current-loss]', 'data-value'));
    expect(shown).toBeCloseTo(cli(page.url()).current.theory, 12);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a hostile link shows notices and runs no script', async () => {
    let dialogs = 0;
    const hostile =
      'p=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&cov=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&alphaT=abc&m=99999&%3Cb%3E=1';
    const { page, errors } = await openApp(browser, hostile);
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const notices = page.locator('[data-testid=notices]');
    await notices.waitFor();
    const text = await notices.innerText();
    for (const key of ['p', 'cov', 'alphaT', 'm']) expect(text).toMatch(new RegExp(`\\b${key}\\b`));
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(
      await page.locator('img, [data-testid=notices] script, [data-testid=notices] b').count(),
    ).toBe(0);
    expect(dialogs).toBe(0);
    // Bad values were replaced: p back to its default, m clamped.
    expect(await page.inputValue('.control[data-key=p] input[type=number]')).toBe('60');
    expect(await page.inputValue('.control[data-key=m] input[type=number]')).toBe('500');
    await screenshot(page, 'theory-hostile-link');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('every figure preset renders a theory curve, labelled by theorem and validity', async () => {
    const { page, errors } = await openApp(browser, '');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    for (const preset of THEORY_PRESETS) {
      await page.selectOption('[data-testid=preset-select]', preset.id);
      const expectedSearch = '?' + encodeLink(parseLink(preset.query).params);
      await page.waitForFunction((s) => location.search === s, expectedSearch);
      const badge = await page.textContent('[data-testid=theorem-badge]');
      const expected = computeTheoryReport(parseLink(preset.query).params).current;
      expect(badge, preset.id).toContain(
        expected.theorem ? `Theorem ${expected.theorem}` : 'No theory',
      );
      const unreliable = await page.locator('[data-testid=unreliable-badge]').count();
      expect(unreliable > 0, preset.id).toBe(expected.unreliable);
      const focus = new URLSearchParams(preset.query).get('focus') ?? 'alphaT';
      const y = await curveY(page, `plot-${focus}`);
      expect(y.filter((v) => Number.isFinite(v)).length, preset.id).toBeGreaterThan(300);
      if (['fig2b', 'fig4b', 'fig6b'].includes(preset.id))
        await screenshot(page, `theory-${preset.id}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test('settings with no applicable theorem say so instead of drawing a curve', async () => {
    const { page, errors } = await openApp(browser, 'cov=diag&p=20&m=20&nv=5');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await expect.poll(() => page.textContent('[data-testid=theorem-badge]')).toContain('No theory');
    expect(await page.textContent('[data-testid=unavailable-reason]')).toMatch(/Theorem 3/);
    expect(await page.textContent('[data-testid=plot-alphaT]')).toContain('No theory available');
    await screenshot(page, 'theory-unavailable');
    expect(errors).toEqual([]);
    await page.close();
  });

  test("Wishart at large p is precomputed in a worker: the page shows a computing state, then the CLI's number", async () => {
    const link = 'cov=wishart&p=600&seed=3&alphaT=-0.5&runs=10';
    const { page, errors } = await openApp(browser, link);
    await page.waitForSelector('[data-testid=theorem-badge]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=theorem-badge]')).toContain('Theorem 3');
    const shown = Number(await page.getAttribute('[data-testid=current-loss]', 'data-value'));
    const expected = cli(link).current.theory;
    expect(Math.abs(shown - expected) / expected).toBeLessThan(1e-12);
    expect(errors).toEqual([]);
    await page.close();
  });
});
