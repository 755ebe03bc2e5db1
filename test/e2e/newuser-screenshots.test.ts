/** Screenshots of each new-user fix at 360 × 740, 1366 × 768 and 1920 × 1080 (projector). */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from './browser';
import { PHONE } from './classroomPage';
import { FEW, FOCUS, LAPTOP, WIDE, sizeMatches } from './newuserPage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
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
