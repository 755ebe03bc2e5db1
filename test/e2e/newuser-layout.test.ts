/**
 * What a new user tripped over in the layout: projector mode, coinciding markers, the phone, the
 * light-mode legend, number formats and file names. Each test failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { baseUrl, launchBrowser, screenshot } from './browser';
import { PHONE, openStyled } from './classroomPage';
import { FEW, LAPTOP, WIDE, contrast, openPhone, rect } from './newuserPage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('3. projector mode', () => {
  for (const viewport of [LAPTOP, WIDE]) {
    test(`x-axis title clear of the legend, header on one row (${viewport.width} px)`, async () => {
      const { page, errors } = await openStyled(browser, `projector=1&${FEW}`, viewport);
      const plot = '[data-testid=plot-alphaT]';
      await page.locator(`${plot} .legend`).waitFor();
      await page.waitForTimeout(500);
      const title = (await rect(page, `${plot} .xtitle`))!;
      const legend = (await rect(page, `${plot} .legend`))!;
      expect(title.bottom).toBeLessThanOrEqual(legend.top);
      // One header row: every item overlaps every other vertically.
      const rows = (
        await page.$$eval('header.app-header > *', (els) =>
          els.map((e) => e.getBoundingClientRect()),
        )
      ).filter((r) => r.height > 0); // the closed gallery dialog has no box
      const lowestTop = Math.max(...rows.map((r) => r.top));
      const highestBottom = Math.min(...rows.map((r) => r.bottom));
      if (viewport === WIDE) expect(lowestTop).toBeLessThan(highestBottom);
      await screenshot(page, `newuser-3-projector-${viewport.width}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('4. coinciding markers stay visible', () => {
  test('Fig. 3b: the optimal αt star is on top of the αt = 0 square and labelled', async () => {
    const { page, errors } = await openStyled(browser, '', LAPTOP);
    await page.selectOption('[data-testid=preset-select]', 'fig3b');
    const plot = '[data-testid=plot-alphaT]';
    await expect
      .poll(() => page.locator(`${plot} .annotation-text`).allTextContents())
      .toContainEqual(expect.stringMatching(/optimal αt = −0\.028/));
    const names: string[] = await page.$eval(`${plot} .plot-area`, (el) =>
      (el as unknown as { data: { name: string }[] }).data.map((t) => t.name),
    );
    // Later traces are drawn on top.
    expect(names.indexOf('optimal αt')).toBeGreaterThan(names.indexOf('αt = 0 (no inner loop)'));
    await screenshot(page, 'newuser-4-fig3b-1366');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('6. phone', () => {
  test('no toolbar over the title, the first plot on the first screen, equations hint that they scroll', async () => {
    const { page, errors } = await openPhone(browser, FEW);
    const plot = '[data-testid=plot-alphaT]';
    const area = (await rect(page, `${plot} .plot-area`))!;
    expect(area.bottom).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: 'test-results/screenshots/newuser-6-phone-first-screen.png' });
    await page.tap(`${plot} .plot-area`);
    expect(await page.locator(`${plot} .modebar`).count()).toBe(0);
    const eq = '[data-testid=equation-numbers]';
    await page.locator(eq).first().waitFor();
    await page.waitForTimeout(300);
    const rows = await page.$$eval(eq, (els) =>
      els.map((e) => ({
        over: e.scrollWidth > e.clientWidth + 1,
        hinted:
          (e as HTMLElement).dataset.overflows === 'true' &&
          (e as HTMLElement).tabIndex === 0 &&
          !!e.nextElementSibling?.matches('.tex-scroll-hint'),
      })),
    );
    expect(rows.filter((r) => r.over).length).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.over)) expect(r.hinted).toBe(true);
    await page.locator(eq).nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/newuser-6-phone-equations.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('9. light mode legend', () => {
  test('the white dashed line has a visible legend swatch', async () => {
    const { page, errors } = await openStyled(browser, 'view=stability', LAPTOP, 'light');
    const item = page.locator('[data-testid=stability-heatmap] .legend .traces', {
      hasText: 'β_c at α = 0',
    });
    await item.waitFor();
    const stroke = await item.locator('.js-line').evaluate((el) => getComputedStyle(el).stroke);
    expect(contrast(stroke, 'rgb(255, 255, 255)')).toBeGreaterThan(3);
    await screenshot(page, 'newuser-9-legend-light-1366');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('10. numbers and file names', () => {
  test('ticks and hovers in powers of ten, not SI prefixes', async () => {
    const { page, errors } = await openStyled(browser, 'view=stability', LAPTOP);
    const plot = '[data-testid=stability-heatmap]';
    await page.locator(`${plot} .xtick text`).first().waitFor();
    const ticks = (await page.locator(`${plot} .xtick text`).allTextContents())
      .join(' ')
      .replace(/\u200b/g, ''); // Plotly separates the exponent with zero-width spaces
    expect(ticks).not.toMatch(/μ/);
    expect(ticks).toMatch(/10−5/);
    // Hover on a point of the first β_c(α) curve, at a small α.
    const at = await page.$eval(`${plot} .plot-area`, (el) => {
      const gd = el as unknown as {
        _fullData: { name: string; x: number[]; y: number[] }[];
        _fullLayout: {
          xaxis: { _offset: number; c2p(v: number): number };
          yaxis: { _offset: number; c2p(v: number): number };
        };
      };
      const tr = gd._fullData.find((t) => t.name.startsWith('β_c'))!;
      const k = tr.x.findIndex((v) => v > 1e-4);
      const box = el.getBoundingClientRect();
      const { xaxis, yaxis } = gd._fullLayout;
      return {
        x: box.left + xaxis._offset + xaxis.c2p(tr.x[k]!),
        y: box.top + yaxis._offset + yaxis.c2p(tr.y[k]!),
      };
    });
    await page.mouse.move(at.x, at.y);
    const hover = page.locator(`${plot} .hoverlayer .hovertext`).first();
    await hover.waitFor();
    const text = await hover.textContent();
    expect(text).not.toMatch(/μ/);
    expect(text).toMatch(/α = 0\.000\d+/);
    await screenshot(page, 'newuser-10-hover-1366');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('exported file names keep the Greek letters readable', async () => {
    const page = await browser.newPage({ viewport: LAPTOP, acceptDownloads: true });
    await page.goto(`${baseUrl()}?${FEW}`);
    const button = '[data-testid=plot-alphaT] [data-testid=export-png]';
    await page.locator('[data-testid=plot-alphaT] .main-svg').first().waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    expect(dl.suggestedFilename()).toBe('loss-vs-training-rate-alpha_t-alpha_r-0.2.png');
    expect(
      readFileSync(await dl.path())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await page.close();
  });
});
