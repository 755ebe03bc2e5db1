import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { CSP, DEV_CSP } from '../../vite.config';
import { launchBrowser } from './browser';

/**
 * `vite` and `vite preview` send the Content-Security-Policy as a header: a <meta> policy covers
 * the page but not its workers, which get the policy of their own script's response.
 */

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Opens `url`, waits for the theory plot and the compute worker's simulation, and reports CSP violations
 * and whether that worker runs under a policy.
 */
async function openAndProbeWorker(url: string) {
  const page: Page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|violates/i.test(m.text())) violations.push(m.text());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid=plot-alphaT] .main-svg', { timeout: 90_000 });
  // The compute worker, once its simulation has run (the page is settled: no reload pending).
  await page.waitForSelector('[data-testid=sim-panel][data-status=done]', { timeout: 90_000 });
  const worker: Worker = page.workers().find((w) => /computeWorker/.test(w.url()))!;
  expect(worker).toBeDefined();
  // A cross-origin fetch from inside the worker: its policy (connect-src 'self') blocks it and
  // fires a violation event there; with no policy it would simply fail to connect. (eval cannot
  // serve as the probe: DevTools evaluation is exempt from the policy.)
  const workerViolation = await worker.evaluate(async () => {
    const seen: string[] = [];
    self.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    await fetch('http://127.0.0.1:9/probe').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    return seen.join(',');
  });
  const workerUrl = worker.url();
  await page.close();
  return { violations, errors, workerViolation, workerUrl };
}

describe('CSP header from vite preview', () => {
  let server: PreviewServer;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    server = await preview({ logLevel: 'silent', preview: { port, strictPort: true } });
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  test('index.html and both worker scripts carry the build policy', async () => {
    expect(readFileSync('dist/.csp', 'utf8').trim()).toBe(CSP);
    const workers = readdirSync('dist/assets').filter((f) => /Worker-.*\.js$/.test(f));
    expect(workers.length).toBeGreaterThanOrEqual(2); // computeWorker, pureWorker
    for (const path of ['/', '/index.html', ...workers.map((w) => `/assets/${w}`)]) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(CSP);
    }
  });

  test('the policy reaches a running worker: it blocks a cross-origin fetch there', async () => {
    const r = await openAndProbeWorker(`${origin}/?p=80`);
    expect(r.violations).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.workerViolation).toBe('connect-src');
  });
});

describe('CSP header from the dev server', () => {
  let server: ViteDevServer;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    server = await createServer({
      logLevel: 'silent',
      // Its own dependency cache: never re-optimizes the one `npm run dev` or other tests use.
      cacheDir: 'node_modules/.vite/e2e-dev-csp',
      server: { port, strictPort: true, host: '127.0.0.1' },
    });
    await server.listen();
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  test('dev sends the build policy plus only the hash of the react-refresh preamble', async () => {
    const script = /script-src ([^;]*)/.exec(DEV_CSP)?.[1] ?? '';
    expect(script).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
    expect(script).toMatch(/^'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'$/);
    const res = await fetch(origin + '/');
    expect(res.headers.get('content-security-policy')).toBe(DEV_CSP);
  });

  test('the dev page runs under it (hot reload preamble included), and so does its worker', async () => {
    const r = await openAndProbeWorker(`${origin}/?p=80`);
    expect(r.violations).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.workerViolation).toBe('connect-src');
    const res = await fetch(r.workerUrl);
    expect(res.headers.get('content-security-policy')).toBe(DEV_CSP);
  });
});
