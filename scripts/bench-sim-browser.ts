/**
 * Browser half of `npm run bench:sim -- --browser`: serves scripts/bench-sim-page.html with Vite and
 * drives Debian's Chromium (scripts/chromium.ts flags, never a downloaded browser) with playwright-core.
 */
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export async function benchInBrowser(
  quick: boolean,
  backends = 'webgpu,webgl,wasm,cpu',
): Promise<void> {
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(
      `http://127.0.0.1:${port}/scripts/bench-sim-page.html?quick=${quick ? 1 : 0}&backends=${backends}`,
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { __bench?: unknown; __benchError?: unknown }).__bench ??
        (window as unknown as { __benchError?: unknown }).__benchError,
      undefined,
      { timeout: 30 * 60_000, polling: 500 },
    );
    const { rows, error } = await page.evaluate(() => ({
      rows: (window as unknown as { __bench?: Record<string, unknown>[] }).__bench,
      error: (window as unknown as { __benchError?: string }).__benchError,
    }));
    if (error) throw new Error(error);
    console.log(`\nbrowser (Chromium ${browser.version()}, via the page's worker):`);
    for (const r of rows ?? []) {
      const per1000 = ((r.seconds as number) * 1000) / (r.runs as number);
      console.log(
        `${String(r.backend).padEnd(6)} ${r.workload} [${r.runs} runs]: ${(r.seconds as number).toFixed(3)} s` +
          ` (${per1000.toFixed(2)} s per 1000 runs; first points after ${(r.firstPartialMs as number).toFixed(0)} ms;` +
          ` used ${r.used}${r.notice ? `, ${r.notice}` : ''})`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
