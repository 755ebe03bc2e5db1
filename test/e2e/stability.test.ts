import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';
import { STABILITY_PRESETS } from '../../src/core/stability/presets';
import { parseLink } from '../../src/core/params';
import { pureStabilityReport } from '../../src/core/stability/report';

type Trace = { name?: string; type?: string; z?: (number | null)[][] };

/** The Plotly traces drawn in a plot. */
async function traces(page: Page, testId: string): Promise<Trace[]> {
  return page.$eval(`[data-testid=${testId}] .plot-area`, (el) => {
    const data = (el as unknown as { data?: Trace[] }).data ?? [];
    return data.map((t) => ({ name: t.name, type: t.type, z: t.z }));
  });
}

/** Clicks the plot area at fractions (fx, fy) of its width and height (0, 0 = top left). */
async function clickPlot(page: Page, testId: string, fx: number, fy: number) {
  const box = await page.locator(`[data-testid=${testId}] .nsewdrag`).first().boundingBox();
  if (!box) throw new Error('plot area not found');
  await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('stability view', () => {
  test('Fig. 3 preset: heatmap equals the report, overlays drawn, a click shows the curve', async () => {
    const query = STABILITY_PRESETS.find((p) => p.id === 'fig3')!.query;
    const { page, errors } = await openApp(browser, query);
    await page.waitForSelector('[data-testid=stability-heatmap] .main-svg');
    const drawn = await traces(page, 'stability-heatmap');
    const names = drawn.map((t) => t.name ?? '');
    expect(names.filter((n) => n.startsWith('β_c for λ'))).toHaveLength(2);
    expect(names.some((n) => n.startsWith('α_c = 1/λ_max'))).toBe(true);
    expect(names.some((n) => n.startsWith('diverged'))).toBe(true);
    // The grey layer marks exactly the cells the report (and the CLI) calls diverged.
    const report = pureStabilityReport(parseLink(query).params);
    const grey = drawn.find((t) => t.name === 'diverged')!.z!;
    const expected = report.grid.beta.map((_, j) =>
      report.grid.alpha.map((_, i) => (report.grid.diverged[i][j] ? 1 : null)),
    );
    expect(grey).toEqual(expected);
    expect(await page.textContent('[data-testid=stability-eigen]')).toContain(
      'Hessian eigenvalues',
    );
    await clickPlot(page, 'stability-heatmap', 0.2, 0.8);
    await page.waitForSelector('[data-testid=stability-curve] .main-svg');
    await screenshot(page, 'stability-fig3');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('mixed linear regression: negative αt, the α = 0 line and β_c(αt)', async () => {
    const q = new URLSearchParams(STABILITY_PRESETS.find((p) => p.id === 'mixed-gd')!.query);
    q.set('stAlphaCells', '21');
    q.set('stBetaCells', '20');
    const { page, errors } = await openApp(browser, q.toString());
    await page.waitForSelector('[data-testid=stability-heatmap] .main-svg');
    const names = (await traces(page, 'stability-heatmap')).map((t) => t.name ?? '');
    expect(names).toContain('α = 0');
    expect(names.some((n) => n.startsWith('β_c = 2/λ_max(αt)'))).toBe(true);
    expect(await page.locator('.notices').count()).toBe(0);
    await screenshot(page, 'stability-mixed');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('sinusoid: the batched grid trains live in the worker; iteration counter and curve', async () => {
    const query =
      'view=stability&stTask=sinusoid&stAlpha=0.001,0.5&stBeta=0.001,5&stAlphaCells=4&stBetaCells=4&stIters=20&stTasks=1&backend=wasm';
    const { page, errors } = await openApp(browser, query);
    await expect
      .poll(
        () => page.getAttribute('[data-testid=stability-iteration]', 'data-iteration').then(Number),
        { timeout: 90_000 },
      )
      .toBe(20);
    await expect
      .poll(() => page.getAttribute('[data-testid=stability-run]', 'data-status'))
      .toBe('done');
    await page.waitForSelector('[data-testid=stability-heatmap] .main-svg');
    await clickPlot(page, 'stability-heatmap', 0.1, 0.9);
    await page.waitForSelector('[data-testid=stability-curve] .main-svg');
    // No closed-form boundary for a network: the page says so, and how the paper's claim fares.
    expect(await page.textContent('[data-testid=network-stability]')).toContain('Fig. 4a');
    // The wasm kernel on nested shard workers ran it; the finished run is compared with the
    // paper, labelled as a reduced setting.
    expect(await page.textContent('[data-testid=stability-run]')).toMatch(
      /wasm MAML kernel \(relaxed-simd\), \d+ threads? \(Web Workers\)/,
    );
    expect(await page.getAttribute('[data-testid=stability-findings]', 'data-verdict')).toMatch(
      /agrees|disagrees|undecided/,
    );
    expect(await page.textContent('[data-testid=stability-flattened]')).toMatch(
      /Convergence: \d+ of the \d+ cells/,
    );
    expect(await page.textContent('[data-testid=stability-reduced]')).toContain(
      'tasks per meta-batch 1 (paper 100)',
    );
    // Beside this reduced run: the stored paper-setting result over seeds.
    expect(await page.textContent('[data-testid=stability-paper-result]')).toMatch(
      /At the paper.s setting \(3 seeds.*± .*mean ± SE over seeds/,
    );
    await screenshot(page, 'stability-sinusoid');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('jobs survive a view switch (one job controller)', () => {
  test('the sinusoid grid keeps training while the theory view is shown; its own parameter restarts it', async () => {
    const query =
      'view=stability&stTask=sinusoid&stAlpha=0.001,0.5&stBeta=0.001,5&stAlphaCells=4&stBetaCells=4&stIters=20000&stTasks=20&backend=wasm';
    const { page, errors } = await openApp(browser, query);
    const iteration = () =>
      page.getAttribute('[data-testid=stability-iteration]', 'data-iteration').then(Number);
    await expect.poll(iteration, { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
    expect(await page.textContent('[data-testid=stability-eta]')).toMatch(/left/);
    const before = await iteration();
    await page.getByRole('button', { name: 'Theory & simulation' }).click();
    await page.waitForSelector('[data-testid=plot-alphaT] .main-svg');
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'α–β stability' }).click();
    await page.waitForSelector('[data-testid=stability-run]');
    // Not restarted from 0: it went on training while the user looked at the other view.
    expect(await iteration()).toBeGreaterThan(before);
    expect(await page.getAttribute('[data-testid=stability-run]', 'data-status')).toBe('running');
    await screenshot(page, 'stability-after-view-switch');

    // A parameter of this job: cancelled at once and started again from iteration 0.
    const seed = page.locator('.control[data-key=stSeed] input[type=number]');
    await seed.fill('2');
    await seed.press('Enter');
    await expect.poll(iteration, { timeout: 5_000 }).toBeLessThan(before);
    await expect.poll(iteration, { timeout: 90_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a 200 × 200 × 20 000 linear grid runs in the light worker: progress, no long main-thread task', async () => {
    const { page, errors } = await openApp(
      browser,
      'view=stability&stIters=20000&stAlphaCells=200&stBetaCells=200',
    );
    await page.evaluate(() => {
      const w = window as unknown as { __long: number };
      w.__long = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.duration > 50) w.__long += 1;
      }).observe({ type: 'longtask' });
    });
    const longTasks = () => page.evaluate(() => (window as unknown as { __long: number }).__long);
    await expect
      .poll(() => page.textContent('[data-testid=stability-readout]'), { timeout: 20_000 })
      .toMatch(/row \d+ \/ 200/);
    const atStart = await longTasks();
    // The page answers while the grid computes, and no task over 50 ms runs meanwhile.
    const t0 = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - t0).toBeLessThan(500);
    await page.waitForTimeout(1000);
    expect(await page.textContent('[data-testid=stability-readout]')).toMatch(/row \d+ \/ 200/);
    expect(await longTasks()).toBe(atStart);
    // (The whole grid, 8·10⁸ GD steps, takes over a minute on two cores: not waited for here.)
    expect(await page.textContent('[data-testid=stability-readout]')).toMatch(/left/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
