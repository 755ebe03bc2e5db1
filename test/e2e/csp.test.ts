import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { baseUrl, launchBrowser } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the app recording every CSP violation: DOM events, and console lines of page and workers. */
async function openWatched(query: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const violations: string[] = [];
  const errors: string[] = [];
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  const onConsole = (text: string, type: string) => {
    if (/Content.Security.Policy|unsafe-eval|violates/i.test(text)) violations.push(text);
    else if (type === 'error') errors.push(text);
  };
  page.on('console', (m) => onConsole(m.text(), m.type()));
  page.on('worker', (w) => {
    (
      w as unknown as { on?(e: string, f: (m: { text(): string; type(): string }) => void): void }
    ).on?.('console', (m) => onConsole(m.text(), m.type()));
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl() + (query ? `?${query}` : ''));
  return { page, violations, errors };
}

async function viewTabs(page: Page): Promise<string[]> {
  const tabs = page.locator('nav.tabs button');
  return (await tabs.count()) ? tabs.allInnerTexts() : [];
}

describe('content security policy', () => {
  test('the build carries a strict policy: no eval, no inline script', () => {
    const csp = readFileSync('dist/.csp', 'utf8');
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
    expect(script).toContain("'wasm-unsafe-eval'");
    expect(readFileSync('dist/index.html', 'utf8')).toContain(
      'http-equiv="Content-Security-Policy"',
    );
    // No inline <script> in the page (only external module scripts).
    const html = readFileSync('dist/index.html', 'utf8');
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    expect(existsSync('dist/.csp')).toBe(true);
  });

  test('every view and a wasm simulation in the worker run without a violation', async () => {
    const { page, violations, errors } = await openWatched('backend=wasm&runs=20');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    // The worker (tfjs wasm: compiled under 'wasm-unsafe-eval') finishes a simulation.
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 90_000 })
      .toBe('done');
    expect(await page.textContent('[data-testid=sim-backend]')).toContain('wasm');
    // KaTeX's fonts load (font-src), the equations render.
    await expect
      .poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main')))
      .toBe(true);
    for (const tab of await viewTabs(page)) {
      await page.click(`nav.tabs button:text-is("${tab}")`);
      await page.waitForTimeout(1500);
    }
    expect(violations).toEqual([]);
    // The policy is really enforced: an injected inline script is blocked and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = 1';
      document.head.append(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __inlineRan?: number }).__inlineRan)).toBe(
      undefined,
    );
    // Reported by both the <meta> and the header policy: each names script-src.
    for (const v of violations) expect(v).toMatch(/script-src/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
