import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';
import { THEORY_PRESETS } from '../../src/core/presets';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Trace = { x?: number[]; y?: number[]; error_y?: { array?: number[] } };

describe('the theory–simulation gap, measured', () => {
  test('Fig. 2b: the gap is shown with its z, and shrinks with scale within SE', async () => {
    const fig2b = THEORY_PRESETS.find((p) => p.id === 'fig2b')!.query;
    const query = `${fig2b.replace('alphaT=0.2', 'alphaT=0')}&runs=2000&backend=wasm`;
    const { page, errors } = await openApp(browser, query);
    expect(await page.$('.notices')).toBeNull();
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 90_000 })
      .toBe('done');
    const gap = Number(await page.getAttribute('[data-testid=sim-gap]', 'data-gap'));
    const z = Number(await page.getAttribute('[data-testid=sim-gap]', 'data-z'));
    // The paper-size finite-size gap (theory.md: +0.85 % at αt = 0), several SE from zero.
    expect(gap).toBeGreaterThan(0.003);
    expect(gap).toBeLessThan(0.015);
    expect(z).toBeGreaterThan(3);
    expect(await page.textContent('[data-testid=sim-gap]')).toMatch(/would be a bug/);

    await page.click('[data-testid=scaleup-run]');
    await page.waitForSelector('[data-testid=scaleup-status][data-status=done]', {
      timeout: 90_000,
    });
    const [t] = await page.$eval('[data-testid=plot-scale-up] .plot-area', (el) =>
      ((el as unknown as { data: Trace[] }).data ?? []).map((d) => ({
        x: d.x,
        y: d.y,
        error_y: d.error_y,
      })),
    );
    expect(t.x).toEqual([1, 2, 4, 8]);
    const y = t.y!.map((v) => v / 100);
    const se = t.error_y!.array!.map((v) => v / 100);
    // ×1 agrees with the live simulation's gap (other draws: within 4 combined SE).
    expect(Math.abs(y[0] - gap)).toBeLessThan(4 * Math.hypot(se[0], gap / z));
    // Each doubling shrinks the gap beyond its standard errors, down to zero within 3 SE at ×8.
    expect(y[0] - y[2]).toBeGreaterThan(3 * Math.hypot(se[0], se[2]));
    expect(y[1]).toBeLessThan(y[0]);
    expect(Math.abs(y[3])).toBeLessThan(3 * se[3] + 0.001);
    await screenshot(page, 'scale-up-fig2b');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('hide=sim hides the simulated points and the gap too', async () => {
    const { page, errors } = await openApp(browser, 'runs=50&hide=sim');
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await page.waitForTimeout(1500);
    const names = await page.$eval('[data-testid=plot-alphaT] .plot-area', (el) =>
      ((el as unknown as { data: { name?: string }[] }).data ?? []).map((d) => d.name ?? ''),
    );
    expect(names.some((n) => /simulat/i.test(n))).toBe(false);
    expect(await page.$('[data-testid=sim-gap]')).toBeNull();
    expect(await page.$('[data-testid=scale-up]')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
