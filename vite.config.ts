import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' so the static build works from any sub-path (e.g. GitHub Pages project sites).
export default defineConfig({
  base: './',
  plugins: [react()],
  // plotly.js's sources (browserify era) reference Node's `global`.
  define: { global: 'globalThis' },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
