import type { Browser } from 'playwright-core';
import { baseUrl } from './browser';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** openApp with a colour scheme: dark mode is emulated through prefers-color-scheme. */
export async function openStyled(
  browser: Browser,
  query: string,
  viewport = DESKTOP,
  colorScheme: 'light' | 'dark' = 'light',
) {
  const page = await browser.newPage({ viewport, colorScheme, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(baseUrl() + (query ? `?${query.replace(/^\?/, '')}` : ''));
  await page.waitForSelector(
    '[data-testid=plot-alphaT] .main-svg, [data-testid=plot-alphaR] .main-svg, .nonlinear-view, .stability-view',
  );
  return { page, errors };
}
