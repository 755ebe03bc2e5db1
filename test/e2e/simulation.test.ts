import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';

/** Finite y values of the simulation trace of a plot. */
async function simPoints(page: Page, testId: string): Promise<number> {
  return page.$eval(`[data-testid=${testId}] .plot-area`, (el) => {
    const data = (el as unknown as { data?: { name?: string; y: (number | null)[] }[] }).data ?? [];
    const sim = data.find((t) => t.name?.startsWith('simulation'));
    return sim ? sim.y.filter((v) => v !== null && Number.isFinite(v)).length : 0;
  });
}

const progress = (page: Page) =>
  page.getAttribute('[data-testid=sim-progress]', 'data-done').then(Number);

/** A drawn partial result always belongs to the parameters on screen. */
async function expectNoStaleResult(page: Page) {
  const [job, partial] = await page.$eval('[data-testid=sim-panel]', (el) => [
    el.getAttribute('data-job-key'),
    el.getAttribute('data-partial-key'),
  ]);
  if (partial) expect(partial).toBe(job);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('live simulation', () => {
  test('WebGPU (SwiftShader) worker: points appear, progress advances, a slider move cancels and restarts', async () => {
    const { page, errors } = await openApp(browser, 'backend=webgpu&runs=300&p=20&nt=10&nr=10');
    await expect
      .poll(() => page.textContent('[data-testid=sim-backend]'), { timeout: 60_000 })
      .toContain('webgpu');
    await expect
      .poll(() => simPoints(page, 'plot-alphaT'), { timeout: 60_000 })
      .toBeGreaterThan(20);
    expect(await simPoints(page, 'plot-alphaR')).toBeGreaterThan(10);
    const first = await progress(page);
    await expect.poll(() => progress(page), { timeout: 60_000 }).toBeGreaterThan(first);
    await expectNoStaleResult(page);
    await screenshot(page, 'simulation-webgpu');

    // Changing a parameter cancels the running job at once and starts the new one from zero.
    const keyBefore = await page.getAttribute('[data-testid=sim-panel]', 'data-job-key');
    const slider = page.locator('.control[data-key=p] input[type=range]');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-job-key'))
      .not.toBe(keyBefore);
    await expectNoStaleResult(page);
    await expect.poll(() => page.inputValue('.control[data-key=p] input[type=number]')).toBe('21');
    await expect
      .poll(() => simPoints(page, 'plot-alphaT'), { timeout: 60_000 })
      .toBeGreaterThan(20);
    await expectNoStaleResult(page);
    expect(await page.textContent('[data-testid=sim-backend]')).toContain('webgpu');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('auto backend skips the software WebGPU adapter and finishes; pause and resume', async () => {
    const { page, errors } = await openApp(browser, 'estimator=mc&runs=500&alphaT=-1');
    await expect
      .poll(() => page.textContent('[data-testid=sim-backend]'), { timeout: 60_000 })
      .toMatch(/wasm|webgl|cpu/);
    await page.getByRole('button', { name: 'Pause' }).click({ timeout: 30_000 });
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'))
      .toBe('paused');
    const paused = await progress(page);
    await page.waitForTimeout(800);
    expect(await progress(page)).toBeLessThanOrEqual(paused + 200); // at most the chunk in flight
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 90_000 })
      .toBe('done');
    expect(await progress(page)).toBe(500);
    // The paper-style estimate at αt = -1 (Fig. 2 setting) agrees with the reference simulation
    // (0.6865 ± 0.0007, 1000 runs); the tolerance is loose because this test reads 5 printed digits.
    const text = (await page.textContent('[data-testid=sim-current]')) ?? '';
    const mean = Number(/loss at the current rates: ([\d.]+)/.exec(text)?.[1]);
    expect(Math.abs(mean - 0.6865)).toBeLessThan(0.01);
    await screenshot(page, 'simulation-done');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('near p = nv·m the ill-conditioned state is labelled, never drawn as data', async () => {
    const { page, errors } = await openApp(browser, 'p=6&m=3&nv=2&runs=100');
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 60_000 })
      .toBe('done');
    await expect.poll(() => page.locator('[data-testid=sim-ill]').count()).toBe(1);
    // The state, not a number with a huge error bar ("6858 ± 4000").
    const current = await page.textContent('[data-testid=sim-current]');
    expect(current).toMatch(/not shown — ill-conditioned/);
    expect(current).not.toMatch(/±/);
    expect(await page.$('[data-testid=sim-gap]')).toBeNull();
    await screenshot(page, 'simulation-ill-conditioned');
    expect(errors).toEqual([]);
    await page.close();
  });
});
