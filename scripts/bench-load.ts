/**
 * Load benchmark of the built app (npm run bench:load):
 * 1. the initial JavaScript — every .js the page fetched before the first theory curve was drawn —
 *    and its gzipped size (target ≤ 800 KB); TensorFlow.js must not be among it (worker only);
 * 2. the time from navigation to the first theory curve on screen (target ≤ 1 s), median of
 *    several cold loads (a fresh browser context each: no cache) in headless Chromium, the build
 *    served locally with its CSP header.
 * Builds dist/ first when it is missing.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { OMNIGLOT_SIGNATURE, TFJS_SIGNATURE, initialScripts } from './initialScripts';
import { serveDist } from './serveDist';

const LOADS = Number(process.env.LOADS ?? 7);
const TARGET_KB = 800;
const TARGET_MS = 1000;
const dist = join(process.cwd(), 'dist');
const server = await serveDist();
const url = server.url;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const times: number[] = [];
let fetchedJs: string[] = [];
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  // First theory curve: the theory line of the αt plot has its path data.
  const handle = await page.waitForFunction(
    () => {
      const path = document.querySelector('[data-testid=plot-alphaT] .scatterlayer path.js-line');
      const d = path?.getAttribute('d') ?? '';
      if (d.length < 20) return null;
      const t = performance.now();
      const js = performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < t && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname);
      return { t, js };
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const { t, js } = (await handle.jsonValue()) as { t: number; js: string[] };
  times.push(t);
  fetchedJs = js.map((p) => p.replace(/^\//, ''));
  await context.close();
}

// Main-thread long tasks (> 50 ms) while a simulation streams results into the plots (issue 3:
// none allowed), counted from the first drawn partial to the end of the job.
const simPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await simPage.addInitScript(() => {
  const w = window as unknown as { longTasks: number[][] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
});
await simPage.goto(`${url}?estimator=mc&runs=1000`);
await simPage.waitForSelector('[data-testid=sim-progress]:not([data-done="0"])', {
  timeout: 60_000,
});
const simStart = await simPage.evaluate(() => performance.now());
await simPage.waitForSelector('[data-testid=sim-panel][data-status=done]', { timeout: 120_000 });
const longTasks = await simPage.evaluate(
  (t0) => (window as unknown as { longTasks: number[][] }).longTasks.filter(([s]) => s >= t0),
  simStart,
);
const simMs = (await simPage.evaluate(() => performance.now())) - simStart;
await browser.close();
server.close();

let raw = 0;
let gz = 0;
const rows: string[] = [];
const initialJs = initialScripts(dist);
for (const path of initialJs) {
  const buf = readFileSync(join(dist, path));
  const z = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += z;
  rows.push(
    `  ${path.padEnd(44)} ${(buf.length / 1024).toFixed(1).padStart(8)} KB  ${(z / 1024).toFixed(1).padStart(7)} KB gz`,
  );
}
const tfjsInitial = initialJs.filter((p) =>
  TFJS_SIGNATURE.test(readFileSync(join(dist, p), 'utf8')),
);
const omniglotInitial = initialJs.filter((p) =>
  OMNIGLOT_SIGNATURE.test(readFileSync(join(dist, p), 'utf8')),
);
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const kb = gz / 1024;
console.log('Initial JavaScript (index.html and its static imports):');
console.log(rows.join('\n'));
console.log(
  `  total ${(raw / 1024).toFixed(1)} KB, gzipped ${kb.toFixed(1)} KB (target ≤ ${TARGET_KB} KB)`,
);
console.log(
  `  TensorFlow.js in the initial JavaScript: ${tfjsInitial.length ? tfjsInitial.join(', ') : 'no (worker only)'}`,
);
console.log(
  `  Omniglot data in the initial JavaScript: ${omniglotInitial.length ? omniglotInitial.join(', ') : 'no (the worker fetches it for an Omniglot panel)'}`,
);
const onDemand = fetchedJs.filter((p) => !initialJs.includes(p));
if (onDemand.length)
  console.log(`  also fetched by the page before the first curve: ${onDemand.join(', ')}`);
console.log(
  `Time to first theory curve, ${LOADS} cold loads: ${sorted.map((x) => x.toFixed(0)).join(', ')} ms`,
);
console.log(`  median ${median.toFixed(0)} ms (target ≤ ${TARGET_MS} ms)`);
console.log(
  `Main-thread tasks over 50 ms while the paper-style simulation streams (${(simMs / 1000).toFixed(1)} s): ` +
    `${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks.map((x) => x[1]!)).toFixed(0)} ms` : ''}`,
);
const ok =
  kb <= TARGET_KB &&
  median <= TARGET_MS &&
  tfjsInitial.length === 0 &&
  omniglotInitial.length === 0;
console.log(ok ? 'bench:load: within targets' : 'bench:load: OVER TARGET');
process.exit(ok ? 0 : 1);
