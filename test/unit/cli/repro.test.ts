import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const reference = JSON.parse(
  readFileSync(resolve(process.cwd(), '../shared/reference/reference-values.json'), 'utf8'),
) as { values: { id: string; value: number }[] };
const ref = (id: string) => reference.values.find((v) => v.id === id)!.value;

function repro(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/repro.ts', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('repro CLI', () => {
  test('prints the JSON of a share link: Fig. 2 reference values', () => {
    const r = repro(
      'https://host/app/?nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&alphaT=0.2&alphaR=0.2',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.current.theorem).toBe('1');
    expect(out.current.regime).toBe('over');
    expect(out.current.theory).toBeCloseTo(ref('fig2_thm1_L_at0.2_ar0.2'), 12);
    expect(out.optimum.alphaT).toBeCloseTo(ref('fig2_eq8_alpha_t_minus'), 12);
    expect(out.optimum.alphaR).toBeCloseTo(ref('fig2_alpha_r_opt_at_at0.2'), 12);
    expect(out.curves.alphaT.x).toHaveLength(401);
    expect(out.curves.alphaR.theory).toHaveLength(401);
    expect(out.notices).toEqual([]);
  });

  test('bad values do not stop the run: notices in the JSON and on stderr', () => {
    const r = repro('?p=lots&nt=30&alphaT=9&bogus=1');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.p).toBe(60);
    expect(out.config.alphaT).toBe(3);
    expect(out.notices.map((n: { key: string }) => n.key).sort()).toEqual(['alphaT', 'bogus', 'p']);
    expect(r.stderr).toMatch(/notice: p:/);
    expect(r.stderr).toMatch(/notice: bogus:/);
  });

  test('CSV output has one row per curve point', () => {
    const r = repro('p=100', '--format', 'csv');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('curve,x,theory');
    expect(lines).toHaveLength(1 + 2 * 401);
    expect(lines[1]).toMatch(/^alphaT,-3,\d/);
  });

  test('--help lists every link key from the parameter table', () => {
    const r = repro('--help');
    for (const k of ['alphaT', 'alphaR', 'cov', 'sx', 'seed', 'view'])
      expect(r.stdout).toContain(k);
  });
});

describe('repro CLI --sim', () => {
  test('adds the simulation at the current point and along both curves, agreeing with the reference simulation', () => {
    const entry = reference.values.find((v) => v.id === 'fig2_sim_exact_at-1.0') as unknown as {
      mean: number;
      stderr: number;
    };
    const r = repro(
      'nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&alphaT=-1&alphaR=0.2&runs=2000',
      '--sim',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const sim = out.current.sim;
    expect(sim.runs).toBe(2000);
    expect(['wasm', 'cpu']).toContain(sim.backend);
    const z = (sim.mean - entry.mean) / Math.hypot(sim.stderr, entry.stderr);
    expect(Math.abs(z)).toBeLessThan(4);
    for (const axis of ['alphaT', 'alphaR']) {
      const c = out.curves[axis];
      expect(c.simMean).toHaveLength(c.x.length);
      expect(c.simStderr).toHaveLength(c.x.length);
    }
    // Simulation sits 1–2 % above Theorem 1 at these sizes (theory.md), not on it.
    expect(sim.mean / out.current.theory).toBeGreaterThan(1.0);
    expect(sim.mean / out.current.theory).toBeLessThan(1.03);
  });
});

describe('repro CLI, other views', () => {
  test('view=stability prints the α×β grid, the Hessian eigenvalues and the boundaries (JSON and CSV)', () => {
    const link = 'view=stability&stAlphaCells=6&stBetaCells=5';
    const out = JSON.parse(repro(link).stdout);
    expect(out.grid.alpha).toHaveLength(6);
    expect(out.grid.beta).toHaveLength(5);
    expect(out.grid.loss).toHaveLength(6);
    expect(out.grid.loss[0]).toHaveLength(5);
    expect(out.grid.diverged[5]).toHaveLength(5);
    expect(out.variant).toMatch(/order/);
    expect(out.hessianEigenvalues).toHaveLength(2);
    // α_c = 1/λ_max (theory.md §2)
    expect(out.boundaries.alphaCritical).toBeCloseTo(1 / Math.max(...out.hessianEigenvalues), 12);
    const csv = repro(link, '--format', 'csv').stdout.trim().split('\n');
    expect(csv[0]).toBe('alpha,beta,loss,diverged');
    expect(csv).toHaveLength(1 + 30);
  });

  test('view=nonlinear prints the chosen sections', () => {
    const r = repro('view=nonlinear&lrSteps=100', '--sections', 'learnedRates');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.view).toBe('nonlinear');
    expect(out.learnedRates.trajectories.length).toBeGreaterThanOrEqual(3);
    expect(out.fig5).toBeUndefined();
  });

  test('view=nonlinear --sections fig5: the sweep on worker threads, curves with SE, labelled', () => {
    const r = repro(
      'view=nonlinear&f5Width=8&f5Epochs=30&f5Count=3&f5Runs=2&f5TestTasks=10',
      '--sections',
      'fig5',
    );
    expect(r.status).toBe(0);
    const f5 = JSON.parse(r.stdout).fig5;
    expect(f5.alphas).toHaveLength(3);
    expect(f5.stderr.every((s: number) => s > 0)).toBe(true);
    expect(f5.shards).toBeGreaterThanOrEqual(1);
    // The CLI's worker threads run the wasm MAML kernel's fused multiply-add build.
    expect(f5.backend).toBe('wasm');
    expect(f5.engine).toBe('wasm MAML kernel (relaxed-simd)');
    expect(f5.perRun.map((r: number[]) => r.length)).toEqual([2, 2, 2]);
    expect(f5.seconds).toBeGreaterThan(0);
    expect(f5.curve.epochs.at(-1)).toBe(30);
    expect(f5.paperScale).toBe(false);
    expect(f5.statement).toMatch(/^Reduced setting, not the paper's \(width 8/);
  }, 60_000);

  test('view=nonlinear --format csv: one row per plotted point, as the page exports it', () => {
    const r = repro('view=nonlinear&lrSteps=100', '--sections', 'learnedRates', '--format', 'csv');
    expect(r.stderr).not.toMatch(/not available/);
    const csv = r.stdout.trim().split('\n');
    expect(csv[0]).toBe('curve,x,alphaMean,alphaStd,objective,testLoss,count');
    const fresh = csv.filter((l) => l.startsWith('learnedRates.freshTasks,'));
    expect(fresh.length).toBeGreaterThan(10);
    expect(fresh[0]!.split(',')).toHaveLength(7);
    expect(csv.filter((l) => l.startsWith('learnedRates.histogram.'))).not.toHaveLength(0);
  });

  test('--scale-up adds the gap to the theory at each scale, as the page’s Scale up panel', () => {
    const r = repro('alphaT=0&scaleUpTo=2&scaleRuns=500', '--scale-up');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scaleUp.along).toEqual(['p', 'nt', 'nr']);
    expect(out.scaleUp.points.map((p: { scale: number }) => p.scale)).toEqual([1, 2]);
    expect(out.scaleUp.points[1].sizes).toEqual({ p: 120, nt: 60, nv: 2, nr: 40, m: 3 });
    // ×1's theory is the report's own number.
    expect(out.scaleUp.points[0].theory).toBeCloseTo(out.current.theory, 12);
  });
});
