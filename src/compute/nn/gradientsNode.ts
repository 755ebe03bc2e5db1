/**
 * NODE ONLY (CLI, benches): registers tfjs gradients. tfjs-core's Node entry (a CommonJS bundle)
 * ships no gradients, and its ESM `dist/register_all_gradients.js` cannot load in plain Node
 * (extensionless imports). We bundle that file once with esbuild into a CommonJS file in the temp
 * directory and require it. Its own copy of the ops runs on the SAME engine and registry as the
 * app's tfjs-core, because tfjs keeps both in a global namespace shared by all copies.
 * Never import this from browser code.
 */
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let done = false;

export function registerTfjsGradientsInNode(): void {
  if (done) return;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const version = (require('@tensorflow/tfjs-core/package.json') as { version: string }).version;
  const bundle = join(tmpdir(), `tfjs-core-${version}-gradients.cjs`);
  if (!existsSync(bundle)) {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'error',
    });
    // Write then rename would be atomic; a partial file from a crash is caught by require below.
    writeFileSync(bundle, out.outputFiles[0].text);
  }
  require(bundle);
  done = true;
}
