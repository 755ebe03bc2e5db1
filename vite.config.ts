import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';

/**
 * Content-Security-Policy of the built app: no eval and no inline script. 'wasm-unsafe-eval' lets
 * the worker compile TensorFlow.js's wasm backend; 'unsafe-inline' styles are needed by Plotly,
 * which sets style attributes and injects <style> rules. Fonts and images may be data: URIs (small
 * KaTeX fonts are inlined; plot export rasterises an SVG data URI).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The policy the dev server sends: the build's, plus the hash of the one inline script dev serves,
 * react-refresh's preamble (`@vitejs/plugin-react` writes it into index.html; hot reload fails
 * without it). Hashing that exact text admits only it — no 'unsafe-inline', no eval. Vite's HMR
 * websocket is same-origin (CSP 3 lets 'self' match ws:), its injected <style>s are covered by
 * 'unsafe-inline' styles. test/e2e/cspHeaders.test.ts opens the dev page and fails on a violation.
 */
const preambleHash = createHash('sha256')
  .update(react.preambleCode.replace('__BASE__', '/'))
  .digest('base64');
export const DEV_CSP = CSP.replace(
  "script-src 'self' 'wasm-unsafe-eval'",
  `script-src 'self' 'wasm-unsafe-eval' 'sha256-${preambleHash}'`,
);

/** Sent as a header by `vite` and `vite preview`: a <meta> policy does not reach workers. */
const cspHeader = (policy: string) => ({ 'Content-Security-Policy': policy });

/**
 * Puts the policy in index.html as a <meta> (any static host enforces it) and writes dist/.csp for
 * servers that send it as a header (the end-to-end test server does; the header also covers the
 * worker, which a <meta> cannot). The <meta> is build only: dev serves an inline preamble, which
 * DEV_CSP admits by its hash in the header.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '.csp', source: CSP + '\n' });
    },
  };
}

/** What the workers import lazily: pre-bundled by the dev server and the browser tests alike. */
export const WORKER_DEPS = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-webgpu',
  'comlink',
];

// base './' so the static build works from any sub-path (e.g. GitHub Pages project sites).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // plotly.js's sources (browserify era) reference Node's `global`.
  define: { global: 'globalThis' },
  // Pre-bundled up front: the compute worker loads tfjs lazily, and a dependency found only then
  // would make the dev server re-optimize and reload the page mid-run.
  optimizeDeps: { include: WORKER_DEPS },
  worker: { format: 'es' },
  server: { headers: cspHeader(DEV_CSP) },
  preview: { headers: cspHeader(CSP) },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
