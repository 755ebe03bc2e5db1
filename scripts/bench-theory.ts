/**
 * Benchmark of the theory core: time to compute both loss curves (401 α_t points and 401 α_r
 * points), the medians of many repetitions; for Theorem 3 the one-time precompute (covariance draw
 * + traces) is timed separately. Usage: npm run bench:theory
 */
import os from 'node:os';
import { parseLink } from '../src/core/params';
import { THEORY_PRESETS } from '../src/core/presets';
import { theorySettingOf } from '../src/core/theoryReport';
import { buildCovariances } from '../src/core/covariance';
import { covarianceTraces, prepareTheory, type TheorySetting } from '../src/core/theory';

const N = 401;
const alphaTs = Float64Array.from({ length: N }, (_, i) => -3 + (6 * i) / (N - 1));
const alphaRs = Float64Array.from({ length: N }, (_, i) => -1 + (3 * i) / (N - 1));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(f: () => void, reps: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Fig. 2's setting, read from its preset link exactly as the page and the CLI read it. */
const base: TheorySetting = theorySettingOf(
  parseLink(THEORY_PRESETS.find((x) => x.id === 'fig2b')!.query).params,
);

let sink = 0;
/** One slider update: both curves, plus the argmin markers. */
function update(s: TheorySetting, k: number, withMarkers: boolean) {
  const model = prepareTheory(s);
  const at = -0.5 + 0.001 * (k % 100);
  const ar = 0.2 + 0.001 * (k % 100);
  sink += model.curveAlphaT(ar, alphaTs)[7] + model.curveAlphaR(at, alphaRs)[9];
  if (withMarkers) sink += (model.optimalAlphaT(ar) ?? 0) + (model.optimalAlphaR(at) ?? 0);
}

function benchUpdate(label: string, s: TheorySetting, reps = 2000) {
  prepareTheory(s); // precompute outside the timing
  for (let k = 0; k < 200; k++) update(s, k, true); // warm up the JIT
  let k = 0;
  const curves = median(timeIt(() => update(s, k++, false), reps));
  const withMarkers = median(timeIt(() => update(s, k++, true), reps));
  const theorem = prepareTheory(s).theorem;
  console.log(
    `${label.padEnd(34)} Thm ${theorem}: both curves ${curves.toFixed(4)} ms; + argmin markers ${withMarkers.toFixed(4)} ms (median of ${reps})`,
  );
}

function benchPrecompute(label: string, s: TheorySetting, reps: number) {
  const cov: number[] = [];
  const traces: number[] = [];
  const total: number[] = [];
  for (let r = 0; r < reps; r++) {
    const si = { ...s, seed: 1000 + r }; // a new draw each time: defeats the memos
    const t0 = performance.now();
    const c = buildCovariances(si);
    const t1 = performance.now();
    covarianceTraces(c);
    const t2 = performance.now();
    prepareTheory(si);
    const t3 = performance.now();
    cov.push(t1 - t0);
    traces.push(t2 - t1);
    total.push(t3 - t0);
  }
  console.log(
    `${label.padEnd(34)} precompute ${median(total).toFixed(1)} ms (covariances ${median(cov).toFixed(1)} ms + traces ${median(traces).toFixed(1)} ms; median of ${reps}; fastest ${Math.min(...total).toFixed(1)} ms)`,
  );
}

console.log(`theory bench: ${N} α_t points + ${N} α_r points per update`);
console.log(
  `(shared machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)})`,
);
benchUpdate('isotropic fig2 (p=60)', base);
benchUpdate('isotropic p=1000, m=5', { ...base, p: 1000, m: 5 });
benchUpdate('isotropic fig3 (under)', {
  ...base,
  p: 30,
  m: 40,
  nt: 5,
  nv: 25,
  nr: 10,
  sigma: 0.2,
  nu: 0.2,
});
benchUpdate('diag p=1000', { ...base, p: 1000, cov: 'diag' });
benchPrecompute('Wishart p=500', { ...base, p: 500, cov: 'wishart' }, 9);
benchUpdate('Wishart p=500', { ...base, p: 500, cov: 'wishart', seed: 1 });
{
  // a ν change keeps the Wishart draw and Σ's powers: only O(p²) rescaling and inner products
  const s: TheorySetting = { ...base, p: 500, cov: 'wishart', seed: 1 };
  let k = 0;
  const t = timeIt(() => update({ ...s, nu: 0.3 + 0.001 * (k++ % 500) }, k, true), 50);
  console.log(
    `${'Wishart p=500, ν slider'.padEnd(34)} prepare + curves + markers ${median(t).toFixed(2)} ms (median of 50)`,
  );
}
benchPrecompute('Wishart p=1000', { ...base, p: 1000, cov: 'wishart' }, 3);
if (!Number.isFinite(sink)) console.log('non-finite result');
