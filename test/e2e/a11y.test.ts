import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { baseUrl, launchBrowser, screenshot } from './browser';

/**
 * axe-core scan of every view, light and dark. axe is injected as an inline script, which the
 * app's CSP rightly forbids: the scan's context bypasses CSP (csp.test.ts checks the policy).
 */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function scan(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<unknown> } }).axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    }),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')}`,
    );
}

describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`every view has no serious or critical violation (${scheme})`, async () => {
      const context = await browser.newContext({
        bypassCSP: true,
        colorScheme: scheme,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(baseUrl() + '?runs=10');
      await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
      await page.locator('[data-testid=equations]').waitFor();
      const tabs = page.locator('nav.tabs button');
      const names = (await tabs.count()) ? await tabs.allInnerTexts() : ['(only view)'];
      const found: string[] = [];
      for (const name of names) {
        if (name !== '(only view)') {
          await page.click(`nav.tabs button:text-is("${name}")`);
          await page.waitForTimeout(1000);
        }
        for (const v of await scan(page)) found.push(`[${name}] ${v}`);
      }
      await screenshot(page, `a11y-${scheme}`);
      expect(found).toEqual([]);
      await context.close();
    });
  }
});

test('the phone layout (plots first, equations that scroll sideways) has no serious violation', async () => {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto(baseUrl() + '?runs=10');
  await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
  // A scrolling equation is keyboard-focusable (axe: scrollable-region-focusable).
  await page.locator('[data-testid=equation-numbers][data-overflows=true]').first().waitFor();
  expect(await scan(page)).toEqual([]);
  await context.close();
});
