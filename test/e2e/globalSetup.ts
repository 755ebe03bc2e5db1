import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

/**
 * Serves the production build under a sub-path (/explorer/), the way a static host would, so the
 * end-to-end tests also check that the build works away from the site root.
 */
const SUB_PATH = '/explorer/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

let server: Server | undefined;

export default async function setup(project: TestProject) {
  const dist = join(process.cwd(), 'dist');
  if (!existsSync(join(dist, 'index.html'))) execSync('npx vite build', { stdio: 'inherit' });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = normalize(decodeURIComponent(url.pathname.slice(SUB_PATH.length)));
    if (rel.startsWith('..')) rel = '';
    let file = join(dist, rel);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    };
    const csp = join(dist, '.csp');
    if (existsSync(csp)) headers['Content-Security-Policy'] = readFileSync(csp, 'utf8').trim();
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('baseUrl', `http://127.0.0.1:${port}${SUB_PATH}`);
  return async () => {
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
