/**
 * An independent Float64 reference for MAML on ONE small ReLU MLP: plain loops, and every gradient
 * (inner and outer) by central finite differences, so it shares no code or derivation with
 * src/compute/mlp. Shared by the Node unit tests and the browser (WebGPU) parity tests.
 */

/** Parameters of one model, in MlpParams order [W0, b0, W1, b1, …], row-major W[in][out]. */
export type RefParams = Float64Array[];

export function refForward(sizes: number[], p: RefParams, x: number): number[] {
  let a = [x];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [nin, nout] = [sizes[l], sizes[l + 1]];
    const z = new Array<number>(nout).fill(0);
    for (let o = 0; o < nout; o++) {
      let s = p[2 * l + 1][o];
      for (let i = 0; i < nin; i++) s += a[i] * p[2 * l][i * nout + o];
      z[o] = l + 2 < sizes.length ? Math.max(0, s) : s;
    }
    a = z;
  }
  return a;
}

/** scale · mean over points of (f(x) − y)² for a 1-input, 1-output net. */
export function refLoss(sizes: number[], p: RefParams, xs: number[], ys: number[], half: boolean) {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (refForward(sizes, p, xs[i])[0] - ys[i]) ** 2;
  return ((half ? 0.5 : 1) * s) / xs.length;
}

/** Central finite-difference gradient of f over every entry of p (same layout as p). */
export function fdGradient(f: (p: RefParams) => number, p: RefParams, h = 1e-6): RefParams {
  return p.map((arr, li) =>
    arr.map((_, i) => {
      const plus = p.map((a) => a.slice());
      const minus = p.map((a) => a.slice());
      plus[li][i] += h;
      minus[li][i] -= h;
      return (f(plus) - f(minus)) / (2 * h);
    }),
  );
}

export interface RefTask {
  xs: number[];
  ys: number[];
  xq: number[];
  yq: number[];
}

/** θ' = θ − rate ∘ ∇L_s(θ), the inner gradient by finite differences; rate per parameter entry. */
export function refAdapt(
  sizes: number[],
  p: RefParams,
  rate: RefParams,
  t: RefTask,
  half: boolean,
) {
  const g = fdGradient((q) => refLoss(sizes, q, t.xs, t.ys, half), p, 1e-7);
  return p.map((arr, li) => arr.map((v, i) => v - rate[li][i] * g[li][i]));
}

/** MAML meta-loss mean_t L_q(θ'_t). */
export function refMetaLoss(
  sizes: number[],
  p: RefParams,
  rate: RefParams,
  tasks: RefTask[],
  half: boolean,
) {
  let s = 0;
  for (const t of tasks) s += refLoss(sizes, refAdapt(sizes, p, rate, t, half), t.xq, t.yq, half);
  return s / tasks.length;
}

/** First-order MAML gradient: mean_t ∇L_q(θ'_t), evaluated at the adapted point. */
export function refFirstOrderGradient(
  sizes: number[],
  p: RefParams,
  rate: RefParams,
  tasks: RefTask[],
  half: boolean,
): RefParams {
  const sum = p.map((a) => new Float64Array(a.length));
  for (const t of tasks) {
    const adapted = refAdapt(sizes, p, rate, t, half);
    const g = fdGradient((q) => refLoss(sizes, q, t.xq, t.yq, half), adapted);
    g.forEach((a, li) => a.forEach((v, i) => (sum[li][i] += v / tasks.length)));
  }
  return sum;
}

/** A rate of `alpha` on every parameter entry (per-model scalar rate). */
export function uniformRate(p: RefParams, alpha: number): RefParams {
  return p.map((a) => new Float64Array(a.length).fill(alpha));
}

/** Largest |a − b| / (|b|max + tiny) over all entries: relative to the reference's scale. */
export function maxRelativeError(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let diff = 0;
  let scale = 1e-12;
  b.forEach((arr, li) => {
    for (let i = 0; i < arr.length; i++) {
      diff = Math.max(diff, Math.abs(a[li][i] - arr[i]));
      scale = Math.max(scale, Math.abs(arr[i]));
    }
  });
  return diff / scale;
}
