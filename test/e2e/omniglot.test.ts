import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { initialScripts, OMNIGLOT_SIGNATURE } from '../../scripts/initialScripts';
import { baseUrl, launchBrowser, openApp, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Per canvas of the sample task: how many pixels are dark (ink) and how many are paper. */
const canvasInk = (page: Page, role: 'support' | 'query') =>
  page.$$eval(`[data-testid=og-${role}]`, (els) =>
    els.map((el) => {
      const c = el as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      let paper = 0;
      for (let p = 0; p < d.length; p += 4) {
        if (d[p]! < 128) dark++;
        if (d[p] === 255) paper++;
      }
      return { dark, paper, url: c.toDataURL() };
    }),
  );

const omniglotRequests = (page: Page) => {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (/omniglot-28/.test(r.url())) urls.push(r.url());
  });
  return urls;
};

describe('Omniglot sample task', () => {
  test('the initial JavaScript and the first view leave the data out', async () => {
    const dist = 'dist';
    const data = readdirSync(`${dist}/assets`).filter((f) => /^omniglot-28.*\.bin$/.test(f));
    expect(data).toHaveLength(1);
    expect(statSync(`${dist}/assets/${data[0]}`).size).toBe(5640 * 784);
    let gz = 0;
    for (const path of initialScripts(dist)) {
      const code = readFileSync(`${dist}/${path}`);
      gz += gzipSync(code).length;
      // The page's own code neither embeds nor names the data (only the light worker does).
      expect(OMNIGLOT_SIGNATURE.test(code.toString()), path).toBe(false);
    }
    expect(gz / 1024).toBeLessThan(800);
    const page = await browser.newPage();
    const urls = omniglotRequests(page);
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid=plot-alphaT] .scatterlayer path.js-line');
    await page.waitForTimeout(500);
    expect(urls).toEqual([]);
    await page.close();
  });

  test('shows 5 support and 5 × k query characters with ink; "New task" draws another', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    const urls = omniglotRequests(page);
    await page.goto(baseUrl() + '?view=nonlinear&ogQueries=2');
    await page.waitForSelector('[data-testid=og-status][data-status=done]', { timeout: 60_000 });
    const support = await canvasInk(page, 'support');
    const query = await canvasInk(page, 'query');
    expect(support).toHaveLength(5);
    expect(query).toHaveLength(10);
    for (const c of [...support, ...query]) {
      expect(c.dark).toBeGreaterThan(5);
      expect(c.paper).toBeGreaterThan(300);
    }
    // The data came over the network once, from the worker, as two files.
    expect(urls.filter((u) => u.endsWith('.bin'))).toHaveLength(1);
    await expect(page.textContent('[data-testid=og-cite]')).resolves.toMatch(
      /Lake.*Salakhutdinov.*Tenenbaum.*Science.*2015.*MIT license/,
    );
    const label = await page.getAttribute('[data-testid=og-support] >> nth=0', 'aria-label');
    expect(label).toMatch(/^support, class 1: (Tagalog|Early_Aramaic) character\d\d, drawer \d+$/);
    await page.locator('[data-testid=omniglot-task]').scrollIntoViewIfNeeded();
    await screenshot(page, 'omniglot-task');

    await page.click('[data-testid=og-new]');
    await expect.poll(() => new URL(page.url()).searchParams.get('ogSeed')).toBe('2');
    await page.waitForSelector('[data-testid=og-status][data-status=done]');
    await expect
      .poll(async () => (await canvasInk(page, 'support')).map((c) => c.url))
      .not.toEqual(support.map((c) => c.url));
    expect(await canvasInk(page, 'query')).toHaveLength(10);
    expect(urls.filter((u) => u.endsWith('.bin'))).toHaveLength(1); // kept in the worker

    expect(errors).toEqual([]);
    await page.close();
  });

  test('a meta-train task (link ogSplit=train): rotated classes, 5 + 5 × 3 images', async () => {
    const { page, errors } = await openApp(browser, 'view=nonlinear&ogSplit=train&ogSeed=5');
    await page.waitForSelector('[data-testid=og-status][data-status=done]', { timeout: 60_000 });
    expect(await canvasInk(page, 'support')).toHaveLength(5);
    const query = await canvasInk(page, 'query');
    expect(query).toHaveLength(15);
    for (const c of query) expect(c.dark).toBeGreaterThan(5);
    await expect(page.textContent('[data-testid=omniglot-task]')).resolves.toMatch(
      /812 meta-train classes: 203 characters/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a 360 px phone, 5 queries per class wrap instead of scrolling sideways', async () => {
    const { page, errors } = await openApp(browser, 'view=nonlinear&ogQueries=5', {
      width: 360,
      height: 800,
    });
    await page.waitForSelector('[data-testid=og-status][data-status=done]', { timeout: 60_000 });
    expect(await canvasInk(page, 'query')).toHaveLength(25);
    const [scroll, width] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(scroll).toBeLessThanOrEqual(width);
    expect(errors).toEqual([]);
    await page.close();
  });
});
