import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { copyFileSync } from 'node:fs';
import { launchBrowser, screenshot } from './browser';
import { DESKTOP, PHONE, openStyled } from './classroomPage';
import { THEORY_PRESETS } from '../../src/core/presets';
import { NONLINEAR_PRESETS } from '../../src/core/nonlinear/presets';
import { STABILITY_PRESETS } from '../../src/core/stability/presets';
import { PRESETS_BY_VIEW } from '../../src/core/presetsByView';
import { encodeLink, parseLink } from '../../src/core/params';

const ALL_PRESETS = Object.values(PRESETS_BY_VIEW).flat();

/** Thumbnails appear after the dialog opens (grids computed, stored data loaded lazily). */
async function waitForAllThumbnails(page: Page) {
  await expect
    .poll(() => page.locator('[data-testid=gallery-card] svg.thumb').count(), { timeout: 20_000 })
    .toBe(ALL_PRESETS.length);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('presets gallery', () => {
  test('every figure with a real-computation thumbnail and what to notice; one click loads it', async () => {
    const { page, errors } = await openStyled(browser, 'runs=10&projector=1');
    await page.click('[data-testid=gallery-open]');
    const cards = page.locator('[data-testid=gallery-card]');
    await expect.poll(() => cards.count()).toBe(ALL_PRESETS.length);
    const texts = await cards.allInnerTexts();
    for (const p of ALL_PRESETS) {
      const text = texts.find((t) => t.includes(p.title));
      expect(text, p.id).toBeDefined();
      expect(text).toContain(p.notice);
    }
    // Every card has a thumbnail with drawn marks: theory curves and linear/mixed stability grids
    // computed in the page, the long trainings precomputed by `npm run thumbnails`.
    await waitForAllThumbnails(page);
    const marks = await cards.evaluateAll((cs) =>
      cs.map((c) => {
        const svg = c.querySelector('svg.thumb');
        const drawn = [...(svg?.querySelectorAll('path, rect, circle') ?? [])].filter((el) => {
          const b = (el as SVGGraphicsElement).getBBox();
          return b.width > 0 && b.height > 0;
        });
        return { title: c.querySelector('.gallery-title')?.textContent, marks: drawn.length };
      }),
    );
    for (const m of marks) expect(m.marks, m.title ?? '').toBeGreaterThan(0);
    // Theory thumbnails are drawn from the preset's curve; the figure's panel picks the axis.
    for (const d of await page
      .locator('[data-thumbnail=theory] svg.thumb path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '')))
      expect(d.split('L').length).toBeGreaterThan(40);
    // Stability presets: their real α–β grids (the sinusoid one precomputed); Fig. 5 and Meta-SGD
    // presets: their precomputed curves and histograms.
    const kinds = (kind: string) => page.locator(`svg.thumb[data-kind=${kind}]`).count();
    expect(await kinds('stability')).toBe(STABILITY_PRESETS.length);
    expect(await kinds('fig5')).toBe(2);
    expect(await kinds('rates')).toBe(1);
    // The paper's Fig. 5 card draws the paper-setting run itself: no reduced-run note on any card.
    expect(await cards.filter({ hasText: 'Fig. 5 as in the paper' }).innerText()).not.toMatch(
      /Thumbnail: reduced run/,
    );
    expect(await cards.filter({ hasText: /Thumbnail: reduced run/ }).count()).toBe(0);
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
      await waitForAllThumbnails(page);
      await screenshot(page, `classroom-gallery-${name}`);
      // The dialog scrolls: its last cards (the precomputed thumbnails) in a picture of their own.
      await page.locator('[data-testid=gallery-card]').last().scrollIntoViewIfNeeded();
      await page
        .locator('[data-testid=gallery]')
        .screenshot({ path: `test-results/screenshots/classroom-gallery-${name}-end.png` });
      // The README's gallery picture: `UPDATE_DOCS=1 npx vitest run --project e2e <this file>`.
      if (name === 'desktop-light') {
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
