import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './scripts/chromium.ts';
import { WORKER_DEPS } from './vite.config.ts';

/**
 * Three projects, split by file location:
 * - unit:    Node, pure code (theory, codec, CPU simulation, CLI);
 * - browser: tests inside real headless Chromium (kernels on the SwiftShader WebGPU adapter);
 * - e2e:     Node driving Chromium (playwright-core) against the built app.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Pre-bundled up front: the worker loads tfjs backends lazily, which would otherwise make
        // Vite re-optimize and reload a running test.
        optimizeDeps: { include: WORKER_DEPS },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 240_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
