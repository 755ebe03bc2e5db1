#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in CI order — format, types, lint, unit tests (Node),
 * kernel tests (real Chromium, WebGPU on SwiftShader), build, end-to-end tests (real Chromium).
 * Each static check counts as one test; Vitest's JSON reports give the rest. Ends with the one line
 * CI reads: `N passed, N failed, N skipped`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (run(cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(
      'Debian chromium is missing: installing it with apt-get (needed for browser tests)',
    );
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']))
      return existsSync(CHROMIUM);
  }
  console.error(
    `\nChromium not found at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\n`,
  );
  return false;
}

function vitestProject(project) {
  const out = `test-results/vitest-${project}.json`;
  rmSync(out, { force: true });
  run('npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) {
    totals.failed++;
    failures.push(`vitest ${project} (no report: crashed)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load has no tests to count: count it as a failure.
  for (const f of r.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) {
      totals.failed++;
      failures.push(`${f.name}: ${String(f.message).split('\n')[0]}`);
    }
    for (const a of f.assertionResults ?? [])
      if (a.status === 'failed') failures.push(`${project}: ${a.fullName}`);
  }
}

mkdirSync('test-results', { recursive: true });
const haveChromium = ensureChromium();
check('format (prettier --check)', 'npx', ['prettier', '--check', '.']);
check('types (tsc)', 'npx', ['tsc', '-p', '.']);
check('lint (eslint)', 'npx', ['eslint', '.']);
vitestProject('unit');
if (haveChromium) {
  vitestProject('browser');
  check('build (vite build)', 'npx', ['vite', 'build']);
  vitestProject('e2e');
} else {
  totals.failed++;
  failures.push('browser, kernel and end-to-end tests: Chromium missing');
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
