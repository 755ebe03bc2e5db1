import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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
 * Puts the policy in index.html as a <meta> (any static host enforces it) and writes dist/.csp for
 * servers that send it as a header (the end-to-end test server does; the header also covers the
 * worker, which a <meta> cannot). Build only: the dev server needs inline scripts for hot reload.
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

// base './' so the static build works from any sub-path (e.g. GitHub Pages project sites).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // plotly.js's sources (browserify era) reference Node's `global`.
  define: { global: 'globalThis' },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
