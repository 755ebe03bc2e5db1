import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
import { openApp, screenshot } from './browser';

/** Chromium with WebGPU switched off: a link's backend=webgpu cannot be honoured. */
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
      '--disable-features=WebGPU',
    ],
    headless: true,
  });
});
afterAll(async () => {
  await browser?.close();
});

const FALLBACK = /WebGPU unavailable in this browser .*: running on \w+ instead/;

describe('a backend the link asks for and does not get is said in words', () => {
  test('theory simulation, sinusoid grid and a nonlinear training all say so', async () => {
    const sim = await openApp(browser, 'backend=webgpu&runs=50');
    await expect
      .poll(() => sim.page.textContent('[data-testid=sim-panel]'), { timeout: 60_000 })
      .toMatch(FALLBACK);
    await screenshot(sim.page, 'backend-fallback-theory');
    expect(sim.errors).toEqual([]);
    await sim.page.close();

    const grid = await openApp(
      browser,
      'view=stability&stTask=sinusoid&stAlphaCells=3&stBetaCells=3&stIters=20&backend=webgpu',
    );
    await expect
      .poll(() => grid.page.textContent('[data-testid=stability-run]'), { timeout: 60_000 })
      .toMatch(FALLBACK);
    expect(grid.errors).toEqual([]);
    await grid.page.close();

    const nl = await openApp(browser, 'view=nonlinear&msIters=20&msTestTasks=10&backend=webgpu');
    await nl.page.click('[data-testid=metasgd-run]');
    await nl.page.waitForSelector('[data-testid=metasgd-status][data-status=done]', {
      timeout: 90_000,
    });
    const status = await nl.page.textContent('[data-testid=metasgd-status]');
    expect(status).toMatch(FALLBACK);
    expect(status).toMatch(/done in .* on (wasm|webgl|cpu)/);
    await screenshot(nl.page, 'backend-fallback-nonlinear');
    expect(nl.errors).toEqual([]);
    await nl.page.close();
  });
});
