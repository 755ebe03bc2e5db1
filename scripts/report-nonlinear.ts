/**
 * Prints the nonlinear / Meta-SGD report (src/compute/nonlinear/nonlinearReport.ts) for a share
 * link, until the lead wires it into `npm run repro`:
 *   npx tsx scripts/report-nonlinear.ts '<link or query>' [--sections learnedRates,fig5,metaSgd,probe]
 *     [--backend wasm|cpu]
 * Progress goes to stderr, the JSON to stdout.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerTfjsGradientsInNode } from '../src/compute/mlp/gradientsNode';
import { nodeBackendLoaders } from '../src/compute/node';
import {
  NONLINEAR_SECTIONS,
  nonlinearReport,
  type NonlinearSection,
} from '../src/compute/nonlinear/nonlinearReport';
import { parseLink } from '../src/core/params';

async function main(argv: string[]) {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const link = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? '';
  const sections = (opt('--sections')?.split(',') ?? NONLINEAR_SECTIONS) as NonlinearSection[];
  const backend = opt('--backend') === 'cpu' ? 'cpu' : 'wasm';
  registerTfjsGradientsInNode();
  if (backend === 'wasm') await nodeBackendLoaders.wasm!();
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend)
    throw new Error(`backend ${backend} unavailable`);
  const { params, notices } = parseLink(link);
  for (const n of notices) process.stderr.write(`notice: ${n.key}: ${n.message}\n`);
  let last = 0;
  const report = await nonlinearReport(params, sections, (s) => {
    if (performance.now() - last > 5000) {
      last = performance.now();
      process.stderr.write(`… ${s}\n`);
    }
  });
  process.stdout.write(JSON.stringify(report, null, 1) + '\n');
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`report-nonlinear: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
