/** Shared helpers of the new-user end-to-end tests (newuser-*.test.ts). */
import type { Browser, Page } from 'playwright-core';
import { baseUrl } from './browser';
import { PHONE } from './classroomPage';

export const LAPTOP = { width: 1366, height: 768 };
export const WIDE = { width: 1920, height: 1080 };
// The simulation is not under test here: few runs keep the CPU free for the page.
export const FEW = 'runs=10';
export const FOCUS = '.control[data-key=focus] select';

/** Width of the drawn figure and of its container, and the container's right edge. */
export async function plotBox(page: Page, testId: string) {
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
export async function openPhone(browser: Browser, query: string) {
  const page = await browser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl()}?${query}`);
  await page.locator('[data-testid=plot-alphaT] .main-svg').first().waitFor();
  return { page, errors };
}

/** The rectangle of the first element matching a selector (null when there is none). */
export async function rect(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
  }, selector);
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
export function contrast(a: string, b: string): number {
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

export async function sizeMatches(page: Page, testId: string) {
  const b = await plotBox(page, testId);
  return b !== null && Math.abs(b.svg - b.area) <= 2 && b.right <= b.screen;
}
