/**
 * Serves the production build (dist/, built first when missing) on a free local port with its CSP
 * header, as a static host would: for the benches that drive the built page in Chromium.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execSync } from 'node:child_process';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export async function serveDist(): Promise<{ url: string; close: () => void }> {
  const dist = join(process.cwd(), 'dist');
  if (!existsSync(join(dist, 'index.html'))) execSync('npx vite build', { stdio: 'inherit' });
  const csp = existsSync(join(dist, '.csp')) ? readFileSync(join(dist, '.csp'), 'utf8').trim() : '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file = join(dist, normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, ''));
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    };
    if (csp) headers['Content-Security-Policy'] = csp;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  return { url, close: () => server.close() };
}
