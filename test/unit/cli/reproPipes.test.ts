import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';

/** 50 unknown keys: 50 notices on stderr, more than a reader that stops after 100 bytes takes. */
const LINK = Array.from({ length: 50 }, (_, i) => `zz${i}=1`).join('&');

/**
 * Runs the CLI with piped stdout and stderr; `closeStderrAfter` bytes of stderr are read, then the
 * pipe is closed (like `2>&1 | head -c 100`, or a log reader that went away).
 */
function run(closeStderrAfter: number, closeStdout: boolean) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('npx', ['tsx', 'src/cli/repro.ts', LINK], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (closeStdout && stdout.length >= 100) child.stdout.destroy();
    });
    const closeErr = () => child.stderr.destroy();
    if (closeStderrAfter === 0) closeErr();
    else
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.length >= closeStderrAfter) closeErr();
      });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('repro CLI on closed pipes', () => {
  test('stderr closed before the first notice: exit 0, the JSON still complete on stdout', async () => {
    const r = await run(0, false);
    expect(r.stdout).not.toMatch(/EPIPE/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.notices).toHaveLength(50);
  });

  test('stderr and stdout closed after 100 bytes (2>&1 | head -c 100): exit 0, no EPIPE', async () => {
    const r = await run(100, true);
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.stdout).not.toMatch(/EPIPE/);
    expect(r.code).toBe(0);
  });
});
