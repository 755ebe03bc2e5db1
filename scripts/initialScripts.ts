import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JavaScript a built page must load before it runs: the scripts and modulepreloads of
 * index.html and, transitively, their static imports (`import … from "./x.js"`, `import "./x.js"`).
 * Dynamic `import("./x.js")` is left out: that code loads on demand (other views, the workers).
 */
export function initialScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]*\bsrc="\.?\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(dir + m[1]);
  };
  roots.forEach(visit);
  return [...seen];
}

/** Flags that tfjs-core and its webgl/wasm backends register: present only in TensorFlow.js code. */
export const TFJS_SIGNATURE = /\bIS_BROWSER\b|\bWEBGL_VERSION\b|\bWASM_HAS_SIMD_SUPPORT\b/;

/**
 * The shipped Omniglot files' names: the page's own code never names them (only the light worker
 * fetches them, on the first Omniglot task), so a match in an initial script means the data or its
 * loader crept into the first load.
 */
export const OMNIGLOT_SIGNATURE = /omniglot-28/;
