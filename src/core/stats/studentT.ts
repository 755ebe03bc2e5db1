/**
 * Student t-tests with exact p-values: the t distribution's CDF through the regularized incomplete
 * beta function, P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1), with the
 * continued fraction of Numerical Recipes §6.4.
 */

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), relative error < 1e-13.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / (Math.abs(1 + aa * d) < tiny ? tiny : 1 + aa * d);
    c = Math.abs(1 + aa / c) < tiny ? tiny : 1 + aa / c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / (Math.abs(1 + aa * d) < tiny ? tiny : 1 + aa * d);
    c = Math.abs(1 + aa / c) < tiny ? tiny : 1 + aa / c;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of a t statistic with ν degrees of freedom. */
export function twoSidedP(t: number, dof: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return incompleteBeta(dof / (dof + t * t), dof / 2, 0.5);
}

export interface TTest {
  mean: number;
  stderr: number;
  t: number;
  dof: number;
  p: number;
}

const meanVar = (x: readonly number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return { m, v: x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1) };
};

/** One-sample t-test of mean(x) = 0 (a paired test when x holds differences). */
export function oneSampleT(x: readonly number[]): TTest {
  const { m, v } = meanVar(x);
  const se = Math.sqrt(v / x.length);
  const t = m / se;
  return { mean: m, stderr: se, t, dof: x.length - 1, p: twoSidedP(t, x.length - 1) };
}

/** Welch's two-sample t-test of mean(a) = mean(b), Welch–Satterthwaite degrees of freedom. */
export function welchT(a: readonly number[], b: readonly number[]): TTest {
  const A = meanVar(a);
  const B = meanVar(b);
  const va = A.v / a.length;
  const vb = B.v / b.length;
  const se = Math.sqrt(va + vb);
  const t = (A.m - B.m) / se;
  const dof = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { mean: A.m - B.m, stderr: se, t, dof, p: twoSidedP(t, dof) };
}
