import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyFileSync } from 'node:fs';
import { launchBrowser, screenshot } from './browser';
import { DESKTOP, PHONE, openStyled } from './classroomPage';
import { THEORY_PRESETS } from '../../src/core/presets';
import { NONLINEAR_PRESETS } from '../../src/core/nonlinear/presets';
import { encodeLink, parseLink } from '../../src/core/params';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('presets gallery', () => {
  test('every figure with a real-curve thumbnail and what to notice; one click loads it', async () => {
    const { page, errors } = await openStyled(browser, 'runs=10&projector=1');
    await page.click('[data-testid=gallery-open]');
    const cards = page.locator('[data-testid=gallery-card]');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(THEORY_PRESETS.length);
    const texts = await cards.allInnerTexts();
    for (const p of THEORY_PRESETS) {
      const text = texts.find((t) => t.includes(p.title));
      expect(text, p.id).toBeDefined();
      expect(text).toContain(p.notice);
    }
    // Theory thumbnails are drawn from the preset's curve; the figure's panel picks the axis.
    const thumbs = page.locator('[data-testid=gallery-card] svg.thumb');
    expect(await thumbs.count()).toBe(THEORY_PRESETS.length);
    for (const d of await thumbs
      .locator('path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '')))
      expect(d.split('L').length).toBeGreaterThan(40);
    // Stability presets: thumbnails of their real α–β grids (the sinusoid grid needs the worker).
    const { STABILITY_PRESETS } = await import('../../src/core/stability/presets');
    const gridPresets = STABILITY_PRESETS.filter((p) => !p.query.includes('stTask=sinusoid'));
    await expect
      .poll(() => page.locator('svg.thumb[data-kind=stability]').count(), { timeout: 20_000 })
      .toBe(gridPresets.length);
    await screenshot(page, 'classroom-gallery-projector');

    // One click loads Fig. 2b, keeping projector mode; the dialog closes.
    await cards.filter({ hasText: 'Fig. 2b' }).click();
    const fig2b = THEORY_PRESETS.find((p) => p.id === 'fig2b')!;
    const expected = encodeLink({ ...parseLink(fig2b.query).params, projector: true });
    await expect.poll(() => page.url()).toContain(`?${expected}`);
    expect(
      await page.locator('[data-testid=gallery]').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(false);
    expect(await page.locator('[data-testid=notices]').count()).toBe(0);

    // Keyboard: open, Tab into the cards, Esc closes.
    await page.focus('[data-testid=gallery-open]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('gallery-card');
    await page.keyboard.press('Escape');
    expect(
      await page.locator('[data-testid=gallery]').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a preset of another view loads that view without a duplicate-key notice', async () => {
    const { page, errors } = await openStyled(browser, 'runs=10');
    await page.click('[data-testid=gallery-open]');
    const p = NONLINEAR_PRESETS[0]!;
    await page.locator('[data-testid=gallery-card]').filter({ hasText: p.title }).click();
    await expect.poll(() => page.url()).toContain('view=nonlinear');
    expect(await page.locator('[data-testid=notices]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [name, viewport, scheme] of [
    ['phone-dark', PHONE, 'dark'],
    ['desktop-dark', DESKTOP, 'dark'],
    ['desktop-light', { width: 1280, height: 2000 }, 'light'],
  ] as const)
    test(`gallery fits ${name}`, async () => {
      const { page } = await openStyled(browser, 'runs=10', viewport, scheme);
      await page.click('[data-testid=gallery-open]');
      await page.locator('[data-testid=gallery-card] svg.thumb').first().waitFor();
      await screenshot(page, `classroom-gallery-${name}`);
      // The README's gallery picture: `UPDATE_DOCS=1 npx vitest run --project e2e <this file>`.
      if (name === 'desktop-light') {
        await expect.poll(() => page.locator('svg.thumb[data-kind=stability]').count()).toBe(3);
        const path = 'test-results/screenshots/classroom-gallery-dialog.png';
        await page.locator('[data-testid=gallery]').screenshot({ path });
        if (process.env.UPDATE_DOCS) copyFileSync(path, 'docs/gallery.png');
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
});
