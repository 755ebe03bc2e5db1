/**
 * `npm run paper:fig4a [-- --seeds 1,2,3 --out results.json]`: the Fig. 4a preset (the paper's
 * setting) run by the CLI's engine once per seed, each read for the paper's claim by the same
 * code as the page (sinusoidFindings), then summarised over seeds: per α the largest stable β
 * (geometric mean, and the standard error of log10 β_max), the verdict of each seed, and the mean
 * ± SE of log10(β_max near the edge / β_max at the smallest α). Progress on stderr, JSON on stdout.
 */
import { writeFileSync } from 'node:fs';
import { parseLink } from '../src/core/params';
import { STABILITY_PRESETS } from '../src/core/stability/presets';
import {
  flattenedCells,
  sinusoidFindings,
  type SinusoidFindings,
} from '../src/core/stability/sinusoidFindings';
import type { StabilityReport } from '../src/core/stability/report';
import { stabilityReport } from '../src/compute/reports/stabilityReport';
import { meanAndStderr } from '../src/core/sim/stats';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const query = STABILITY_PRESETS.find((p) => p.id === 'fig4a')!.query;
const runs: {
  seed: number;
  seconds?: number;
  engine?: string;
  grid: StabilityReport['grid'];
  findings: SinusoidFindings;
  flattened: ReturnType<typeof flattenedCells>;
}[] = [];
for (const seed of seeds) {
  const { params } = parseLink(`${query}&stSeed=${seed}`);
  process.stderr.write(`seed ${seed}…\n`);
  const r = await stabilityReport(params, {
    onProgress: (p) => {
      if (p.iteration % 100 === 0) process.stderr.write(`  iteration ${p.iteration}\n`);
    },
  });
  const f = sinusoidFindings(r.grid);
  const c = r.curves!;
  const history = c.iterations.map((iteration, k) => ({
    iteration,
    loss: c.loss.map((row) => row.map((curve) => curve[k])),
  }));
  const flattened = flattenedCells(r.grid.diverged, history);
  process.stderr.write(`  ${r.seconds?.toFixed(1)} s, ${f.verdict}\n`);
  runs.push({ seed, seconds: r.seconds, engine: r.backend, grid: r.grid, findings: f, flattened });
}
const alpha = runs[0].grid.alpha;
const log10 = (x: number | null) => (x === null ? null : Math.log10(x));
const perAlpha = alpha.map((a, i) => {
  const logs = runs.map((r) => log10(r.findings.betaMax[i]));
  const all = logs.every((v) => v !== null);
  const ms = all ? meanAndStderr(logs as number[]) : null;
  return {
    alpha: a,
    betaMaxPerSeed: runs.map((r) => r.findings.betaMax[i]),
    geometricMean: ms ? 10 ** ms.mean : null,
    log10SE: ms ? ms.stderr : null,
  };
});
const ratios = runs.map((r) =>
  r.findings.betaNearEdge && r.findings.betaAtSmallestAlpha
    ? Math.log10(r.findings.betaNearEdge / r.findings.betaAtSmallestAlpha)
    : 0,
);
const ratio = meanAndStderr(ratios);
const out = {
  query,
  seeds,
  verdicts: runs.map((r) => r.findings.verdict),
  flattened: runs.map((r) => r.flattened),
  log10NearEdgeOverSmallestAlpha: { perSeed: ratios, mean: ratio.mean, se: ratio.stderr },
  perAlpha,
  seconds: runs.map((r) => r.seconds),
  engine: runs[0].engine,
};
const file = arg('out', '');
if (file) writeFileSync(file, JSON.stringify({ ...out, runs }, null, 1));
console.log(JSON.stringify(out, null, 1));
process.exit(0);
