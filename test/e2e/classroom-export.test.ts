import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser, screenshot } from './browser';
import { openStyled } from './classroomPage';
import { parseLink } from '../../src/core/params';
import { computeTheoryReport } from '../../src/core/theoryReport';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks a button and returns the downloaded file's name and bytes. */
async function download(page: Page, selector: string) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

const LINK = 'alphaT=-0.5&alphaR=0.3&runs=20&backend=cpu';

describe('export', () => {
  test('PNG and SVG of a plot, CSV and JSON of everything shown (the CLI schema)', async () => {
    const { page, errors } = await openStyled(browser, LINK);
    await expect
      .poll(() => page.getAttribute('[data-testid=sim-panel]', 'data-status'), { timeout: 90_000 })
      .toBe('done');
    const plot = '[data-testid=plot-alphaT]';
    const png = await download(page, `${plot} [data-testid=export-png]`);
    expect(png.name).toMatch(/^loss-vs-training-rate.*\.png$/);
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(10_000);
    const svg = await download(page, `${plot} [data-testid=export-svg]`);
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.bytes.toString()).toMatch(/^<svg[\s\S]*Loss vs training rate/);

    const json = JSON.parse((await download(page, '[data-testid=export-json]')).bytes.toString());
    const expected = computeTheoryReport(parseLink(LINK).params);
    expect(json.config).toEqual(JSON.parse(JSON.stringify(expected.config)));
    expect(json.current.theory).toBeCloseTo(expected.current.theory!, 12);
    expect(json.optimum).toEqual(expected.optimum);
    expect(json.curves.alphaT.theory).toEqual(expected.curves.alphaT.theory);
    expect(json.current.sim.runs).toBe(20);
    expect(json.curves.alphaTSim.simMean).toHaveLength(json.curves.alphaTSim.x.length);

    const csv = (await download(page, '[data-testid=export-csv]')).bytes.toString().split('\n');
    expect(csv[0]).toBe('curve,x,theory,simMean,simStderr,runs');
    expect(csv.filter((l) => l.startsWith('alphaT,'))).toHaveLength(401);
    expect(csv.filter((l) => l.startsWith('alphaTSim,')).length).toBeGreaterThan(10);
    await screenshot(page, 'classroom-export');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the stability view exports its grid and boundaries (JSON, CSV) and PNG', async () => {
    const { STABILITY_PRESETS } = await import('../../src/core/stability/presets');
    const { pureStabilityReport } = await import('../../src/core/stability/report');
    const fig3 = STABILITY_PRESETS.find((p) => p.id === 'fig3')!;
    const { page, errors } = await openStyled(browser, fig3.query);
    await page.locator('[data-testid=export-json]').waitFor();
    const json = JSON.parse((await download(page, '[data-testid=export-json]')).bytes.toString());
    const expected = pureStabilityReport(parseLink(fig3.query).params);
    // The CLI's schema (repro with view=stability): { config, notices, ...report }.
    expect(json.notices).toEqual([]);
    expect(json.variant).toBe(expected.variant);
    expect(json.iterations).toBe(expected.iterations);
    expect(json.setting).toBeDefined();
    // Same numbers as the report in Node (to rounding: Chromium's and Node's Math may differ).
    expect(json.grid.alpha).toHaveLength(expected.grid.alpha.length);
    json.grid.alpha.forEach((a: number, i: number) =>
      expect(a / expected.grid.alpha[i]!).toBeCloseTo(1, 10),
    );
    const count = (d: boolean[][]) => d.flat().filter(Boolean).length;
    expect(Math.abs(count(json.grid.diverged) - count(expected.grid.diverged))).toBeLessThan(3);
    json.hessianEigenvalues.forEach((l: number, i: number) =>
      expect(l / expected.hessianEigenvalues![i]!).toBeCloseTo(1, 10),
    );
    const csv = (await download(page, '[data-testid=export-csv]')).bytes.toString().split('\n');
    expect(csv[0]).toBe('curve,x,loss,diverged,betaC');
    expect(csv.filter((l) => l.startsWith('beta='))).toHaveLength(40 * 40);
    const png = await download(page, '[data-testid=stability-heatmap] [data-testid=export-png]');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
    await page.close();
  });
});
