/**
 * What a new user tripped over: plot sizes when the set of plots changes, projector layout,
 * coinciding markers, the preset menu, the phone layout, the light-mode legend, number formats,
 * file names, Back, and the ranges a stability setting brings. Each test failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { baseUrl, launchBrowser, screenshot } from './browser';
import { PHONE, openStyled } from './classroomPage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LAPTOP = { width: 1366, height: 768 };
const WIDE = { width: 1920, height: 1080 };
// The simulation is not under test here: few runs keep the CPU free for the page.
const FEW = 'runs=10';
const FOCUS = '.control[data-key=focus] select';

/** Width of the drawn figure and of its container, and the container's right edge. */
async function plotBox(page: Page, testId: string) {
  return page.evaluate((id) => {
    const area = document.querySelector(`[data-testid=${id}] .plot-area`) as HTMLElement | null;
    const svg = area?.querySelector('.main-svg');
    if (!area || !svg) return null;
    const r = area.getBoundingClientRect();
    return {
      svg: Number(svg.getAttribute('width')),
      area: r.width,
      right: r.right,
      screen: window.innerWidth,
    };
  }, testId);
}

/** A phone: touch, mobile viewport (Plotly's toolbar stays visible there after a tap). */
async function openPhone(query: string) {
  const page = await browser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl()}?${query}`);
  await page.locator('[data-testid=plot-alphaT] .main-svg').first().waitFor();
  return { page, errors };
}

/** The rectangle of the first element matching a selector (null when there is none). */
async function rect(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
  }, selector);
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function sizeMatches(page: Page, testId: string) {
  const b = await plotBox(page, testId);
  return b !== null && Math.abs(b.svg - b.area) <= 2 && b.right <= b.screen;
}

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
    const { page, errors } = await openPhone(FEW);
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

describe('screenshots of each change at 360 × 740, 1366 × 768 and 1920 × 1080 (projector)', () => {
  const sizes = [
    { name: 'phone', viewport: PHONE, query: FEW, mobile: true },
    { name: '1366', viewport: LAPTOP, query: FEW, mobile: false },
    { name: '1920-projector', viewport: WIDE, query: `projector=1&${FEW}`, mobile: false },
  ] as const;
  /** Each change: the link, the state change, and what to scroll into view for the picture. */
  const changes: {
    id: string;
    query: string;
    act(page: Page): Promise<void>;
    target: string;
  }[] = [
    {
      id: '1-alphaR-only',
      query: '',
      act: async (page) => {
        await page.selectOption(FOCUS, 'alphaR');
        await expect.poll(() => sizeMatches(page, 'plot-alphaR')).toBe(true);
      },
      target: '[data-testid=plot-alphaR]',
    },
    {
      id: '4-fig3b',
      query: '',
      act: async (page) => {
        await page.selectOption('[data-testid=preset-select]', 'fig3b');
        await page.locator('[data-testid=plot-alphaT] .annotation-text').nth(1).waitFor();
      },
      target: '[data-testid=plot-alphaT]',
    },
    {
      id: '5-custom',
      query: '',
      act: async (page) => {
        await page.selectOption('[data-testid=preset-select]', 'fig2b');
        await page.fill('.control[data-key=alphaT] input[type=number]', '-0.5');
      },
      target: 'header.app-header',
    },
    {
      id: '6-equations',
      query: '',
      act: async (page) => {
        await page.locator('[data-testid=equation-numbers]').first().waitFor();
      },
      target: '[data-testid=equations]',
    },
    {
      id: '9-10-stability-legend-ticks',
      query: 'view=stability',
      act: async (page) => {
        await page.locator('[data-testid=stability-heatmap] .legend').waitFor();
      },
      target: '[data-testid=stability-heatmap]',
    },
    {
      id: '2-sinusoid-setting',
      query: 'view=stability',
      act: async (page) => {
        await page.selectOption('.control[data-key=stTask] select', 'sinusoid');
        await expect
          .poll(() => page.inputValue('.control[data-key=stAlphaCells] input[type=number]'))
          .toBe('20');
      },
      target: '.control[data-key=stAlpha]',
    },
  ];
  for (const size of sizes)
    test(`at ${size.name}`, async () => {
      for (const change of changes) {
        const page = await browser.newPage({
          viewport: size.viewport,
          hasTouch: size.mobile,
          isMobile: size.mobile,
        });
        const query = [size.query, change.query].filter(Boolean).join('&');
        await page.goto(`${baseUrl()}?${query}`);
        await page.locator('[data-testid=app] .main-svg').first().waitFor();
        await change.act(page);
        await page.waitForTimeout(600);
        await page.locator(change.target).first().scrollIntoViewIfNeeded();
        await page.screenshot({
          path: `test-results/screenshots/newuser-shot-${change.id}-${size.name}.png`,
        });
        await page.close();
      }
    });
});
