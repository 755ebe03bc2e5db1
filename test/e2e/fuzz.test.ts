import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PARAMS, PARAM_KEYS, encodeLink, parseLink, type ParamKey } from '../../src/core/params';
import { asLocationSearch, changedKeys, hostileLinks } from '../hostileLinks';
import { baseUrl, launchBrowser } from './browser';

/**
 * 1000 hostile links (test/hostileLinks.ts) against the built page: 950 applied in one open page
 * through the URL sync (history.replaceState + popstate, what back/forward does), 50 as real
 * navigations. The page must never throw, run injected script, empty #root, or change a value
 * without a notice naming its key; the address bar must end up as the normalized link.
 */

const LINKS = hostileLinks(1000, 7);
const IN_PAGE = LINKS.slice(0, 950);
const NAVIGATIONS = LINKS.slice(950);
/** Every URL_EVERY-th in-page link also waits for the address bar (written after 150 ms). */
const URL_EVERY = 50;

const byUrlKey = new Map<string, ParamKey>(PARAM_KEYS.map((k) => [PARAMS[k].urlKey, k]));

/** What the page must show for a link: the codec's notice keys and the normalized query. */
function expected(raw: string) {
  const search = asLocationSearch(raw);
  const { params, notices } = parseLink(search);
  const keys = notices.map((n) => n.key).sort();
  // The codec itself must name every value it did not take as written.
  for (const k of changedKeys(search, (u) => params[byUrlKey.get(u)!]))
    expect(keys, `${k} changed without a notice: ${raw.slice(0, 200)}`).toContain(k);
  // Valid pins are drawn: the theory view lists each (unless the link hides the pin bar).
  const pinBar = params.view === 'theory' && !params.hide.split(',').includes('pins');
  const pins = pinBar ? [1, 2, 3, 4, 5].filter((i) => params[`pin${i}` as 'pin1']).length : null;
  return { raw, search, keys, normalized: '?' + encodeLink(params), pins };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Page errors, console errors, and the window flag every injected payload would set. */
async function watched(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Signs that markup from a link became live DOM: the flag, or elements/handlers it would add. */
const injectedInPage = () =>
  [
    (window as unknown as { __pwned?: unknown }).__pwned !== undefined && 'window.__pwned set',
    document.querySelector('iframe, script:not([src]), [onerror], [onload], [srcdoc]') &&
      'injected element',
    !document.getElementById('root')?.childElementCount && '#root empty',
  ].filter(Boolean);

describe('hostile links', () => {
  test(`${IN_PAGE.length} links in one open page through the URL sync`, async () => {
    const cases = IN_PAGE.map(expected);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = await watched(page);
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    const results = await page.evaluate(
      async ({ cases, urlEvery }) => {
        const noticeKeys = () =>
          [...document.querySelectorAll('[data-testid=notices] li code')]
            .map((c) => c.textContent ?? '')
            .sort();
        const same = (a: string[], b: string[]) =>
          a.length === b.length && a.every((x, i) => x === b[i]);
        const until = async (ok: () => boolean, ms: number) => {
          const end = performance.now() + ms;
          while (!ok() && performance.now() < end) await new Promise((r) => setTimeout(r, 2));
          return ok();
        };
        const out: { i: number; problem: string; got: string }[] = [];
        for (let i = 0; i < cases.length; i++) {
          const c = cases[i]!;
          history.replaceState(null, '', '?' + c.raw);
          if (location.search !== c.search)
            out.push({ i, problem: 'browser encoded the link differently', got: location.search });
          dispatchEvent(new PopStateEvent('popstate'));
          if (!(await until(() => same(noticeKeys(), c.keys), 1000)))
            out.push({ i, problem: 'notices', got: JSON.stringify(noticeKeys()) });
          if (i % urlEvery === 0 && !(await until(() => location.search === c.normalized, 1000)))
            out.push({ i, problem: 'address bar', got: location.search });
          if (!document.getElementById('root')?.childElementCount)
            out.push({ i, problem: '#root empty', got: '' });
          if (out.length >= 10) break; // enough to see what is wrong
        }
        return out;
      },
      { cases, urlEvery: URL_EVERY },
    );
    const described = results.map(
      (r) =>
        `#${r.i} ${r.problem}: got ${r.got.slice(0, 200)}; link ${cases[r.i]!.raw.slice(0, 200)}; want ${JSON.stringify(cases[r.i]!.keys)}`,
    );
    expect(described).toEqual([]);
    expect(await page.evaluate(injectedInPage)).toEqual([]);
    expect(await page.getByTestId('lazy-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test(`${NAVIGATIONS.length} links as real navigations`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = await watched(page);
    for (const raw of NAVIGATIONS) {
      const c = expected(raw);
      await page.goto(`${baseUrl()}?${raw}`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(
        ({ keys, normalized }) => {
          const got = [...document.querySelectorAll('[data-testid=notices] li code')]
            .map((e) => e.textContent ?? '')
            .sort();
          return (
            location.search === normalized &&
            got.length === keys.length &&
            got.every((k, i) => k === keys[i])
          );
        },
        c,
        { timeout: 10_000 },
      );
      expect(await page.evaluate(injectedInPage), raw).toEqual([]);
      if (c.pins !== null) expect(await page.getByTestId('pin-item').count(), raw).toBe(c.pins);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
