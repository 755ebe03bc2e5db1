import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { DESKTOP, openStyled } from './classroomPage';
import { encodeLink, parseLink } from '../../src/core/params';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const BASE = 'runs=10&alphaT=0.2&alphaR=0.2';

/** Font size of the αt plot's tick labels; polled, since Plotly may be replacing them. */
async function tickFontSize(page: Page): Promise<number> {
  let size = NaN;
  await expect
    .poll(async () => {
      size = parseFloat(
        await page
          .$eval('[data-testid=plot-alphaT] .xtick text', (el) => getComputedStyle(el).fontSize)
          .catch(() => ''),
      );
      return Number.isFinite(size);
    })
    .toBe(true);
  return size;
}

/** Names of the traces of a plot (Plotly keeps the figure on its element). */
async function traceNames(page: Page, testId: string): Promise<string[]> {
  return page.$eval(`[data-testid=${testId}] .plot-area`, (el) =>
    ((el as unknown as { data?: { name?: string }[] }).data ?? []).map((d) => d.name ?? ''),
  );
}

describe('embed and projector links', () => {
  test('embed=1&hide=… shows a focused view; projector=1 enlarges text and plots', async () => {
    const plain = await openStyled(browser, BASE);
    const plainFont = await plain.page.$eval('.readout', (el) => getComputedStyle(el).fontSize);
    const plainTick = await tickFontSize(plain.page);
    await plain.page.close();

    const { page, errors } = await openStyled(
      browser,
      `${BASE}&embed=1&projector=1&hide=controls,sim,explain,export,pins`,
    );
    expect(await page.locator('aside.sidebar').count()).toBe(0);
    expect(await page.locator('[data-testid=sim-panel]').count()).toBe(0);
    expect(await page.locator('[data-testid=explain]').count()).toBe(0);
    expect(await page.locator('[data-testid=export-png], [data-testid=export-csv]').count()).toBe(
      0,
    );
    expect(await page.locator('[data-testid=preset-select]').count()).toBe(0);
    expect(await page.locator('[data-testid=readout], .readout').count()).toBe(1);
    // The way back: the same view without the flags.
    const full = await page.getAttribute('[data-testid=open-full]', 'href');
    expect(full).not.toMatch(/embed|hide|projector/);
    expect(full).toContain('runs=10');
    // Larger text and plot fonts.
    const font = await page.$eval('.readout', (el) => getComputedStyle(el).fontSize);
    expect(parseFloat(font)).toBeGreaterThan(parseFloat(plainFont) * 1.3);
    // Plotly may still be redrawing at the new font size: poll.
    await expect.poll(() => tickFontSize(page)).toBeGreaterThan(plainTick * 1.3);
    await screenshot(page, 'classroom-embed-projector');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('hide=p,nt hides just those controls; a bad hide value is a notice, not a crash', async () => {
    const { page, errors } = await openStyled(browser, `${BASE}&hide=p,nt`);
    expect(await page.locator('.control[data-key=p]').count()).toBe(0);
    expect(await page.locator('.control[data-key=nt]').count()).toBe(0);
    expect(await page.locator('.control[data-key=m]').count()).toBe(1);
    await page.close();
    const bad = await openStyled(browser, `${BASE}&hide=%3Cscript%3E&pin1=%3Cimg%3E`);
    const text = await bad.page.locator('[data-testid=notices]').innerText();
    expect(text).toMatch(/hide/);
    expect(text).toMatch(/pin1/);
    expect(await bad.page.locator('img').count()).toBe(0);
    expect([...errors, ...bad.errors]).toEqual([]);
    await bad.page.close();
  });
});

describe('compare: pinned curves', () => {
  test('pin, change, pin again: labelled overlays that survive a reload of the link', async () => {
    const { page, errors } = await openStyled(browser, BASE);
    await page.click('[data-testid=pin-add]');
    await expect.poll(() => page.url()).toContain('pin1=');
    await page.fill('.control[data-key=p] input[type=number]', '120');
    await page.click('[data-testid=pin-add]');
    await page.fill('.control[data-key=nt] input[type=number]', '10');
    await expect.poll(() => page.locator('[data-testid=pin-item]').count()).toBe(2);
    const items = await page.locator('[data-testid=pin-item]').allInnerTexts();
    // Labels name what differs from the current settings.
    expect(items[0]).toMatch(/p = 60, nt = 30/);
    expect(items[1]).toMatch(/nt = 30/);
    expect(items[1]).not.toMatch(/p = /);
    const names = await traceNames(page, 'plot-alphaT');
    expect(names.filter((n) => n.startsWith('pin '))).toEqual([
      'pin 1: p = 60, nt = 30',
      'pin 2: nt = 30',
    ]);
    await screenshot(page, 'classroom-pins');

    // The link keeps the pins: a fresh page from it draws the same overlays.
    await expect.poll(() => page.url()).toContain('pin2=');
    const link = new URL(page.url()).search;
    const again = await openStyled(browser, link.slice(1), DESKTOP);
    await expect
      .poll(async () =>
        (await traceNames(again.page, 'plot-alphaT')).filter((n) => n.startsWith('pin ')),
      )
      .toEqual(['pin 1: p = 60, nt = 30', 'pin 2: nt = 30']);
    // An old link without pins reads exactly as before: version 1 keeps its old defaults, so it
    // re-encodes as a version-2 link that names them and means the same.
    const old = 'alphaT=-1&p=80&v=1';
    const reread = parseLink(encodeLink(parseLink(old).params));
    expect(reread.params).toEqual(parseLink(old).params);
    expect(parseLink(old).params).toMatchObject({ alphaT: -1, p: 80, stTasks: 1, stEvalTasks: 5 });
    expect(parseLink(old).notices).toEqual([]);
    // Five at most.
    for (let i = 0; i < 4; i++) {
      await again.page.fill('.control[data-key=m] input[type=number]', String(4 + i));
      if (await again.page.isEnabled('[data-testid=pin-add]'))
        await again.page.click('[data-testid=pin-add]');
    }
    await expect.poll(() => again.page.locator('[data-testid=pin-item]').count()).toBe(5);
    expect(await again.page.isDisabled('[data-testid=pin-add]')).toBe(true);
    // Remove one by keyboard.
    await again.page.focus('[data-testid=pin-item] button');
    await again.page.keyboard.press('Enter');
    await expect.poll(() => again.page.locator('[data-testid=pin-item]').count()).toBe(4);
    expect([...errors, ...again.errors]).toEqual([]);
    await page.close();
    await again.page.close();
  });
});
