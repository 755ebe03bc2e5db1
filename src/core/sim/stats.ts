import type { PointStats } from './types';

/** Losses above this are treated as diverged (the outer system is numerically singular). */
export const DIVERGED_LOSS = 1e12;

/**
 * Running mean / variance of one simulated point over runs (Welford's update, numerically stable
 * for any number of runs). Non-finite or huge losses and ill-conditioned runs set flags instead of
 * polluting the mean, so a NaN is never drawn as data.
 */
export class PointAccumulator {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  illConditioned = false;
  diverged = false;

  add(loss: number, illConditioned = false): void {
    if (illConditioned) this.illConditioned = true;
    if (!Number.isFinite(loss) || Math.abs(loss) > DIVERGED_LOSS) {
      this.diverged = true;
      return;
    }
    this.n += 1;
    const delta = loss - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (loss - this.mean);
  }

  stats(): PointStats {
    const { n } = this;
    return {
      mean: n > 0 ? this.mean : NaN,
      stderr: standardErrorFromM2(this.m2, n),
      n,
      illConditioned: this.illConditioned,
      diverged: this.diverged || n === 0,
    };
  }
}

/** std(ddof = 1)/√n from Welford's sum of squared deviations; NaN for fewer than 2 values. */
function standardErrorFromM2(m2: number, n: number): number {
  return n > 1 ? Math.sqrt(m2 / (n - 1) / n) : NaN;
}

/** Mean and std(ddof = 1)/√n of plain values (tests, CLI). */
export function meanAndStderr(values: ArrayLike<number>): { mean: number; stderr: number } {
  const acc = new PointAccumulator();
  for (let i = 0; i < values.length; i++) acc.add(values[i]);
  const s = acc.stats();
  return { mean: s.mean, stderr: s.stderr };
}

/** The two-sided 95 % normal band, mean ± 1.96 SE. */
export function band95(s: Pick<PointStats, 'mean' | 'stderr'>): [number, number] {
  const h = 1.959963984540054 * s.stderr;
  return [s.mean - h, s.mean + h];
}

/** z = (a − b)/√(se_a² + se_b²): how many standard errors two estimates differ. */
export function zScore(a: number, seA: number, b: number, seB: number): number {
  return (a - b) / Math.sqrt(seA * seA + seB * seB);
}
