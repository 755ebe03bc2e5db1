/**
 * Input and task covariances of the mixed-linear-regression model (theory.md §1 "Covariance
 * models"; Bernacchia 2021 §3 and Eq. 17). x ~ N(0, Σ), w ~ N(w0, Σw). Each matrix comes with a
 * factor L (Σ = L Lᵀ) so a simulation draws x = L z with z ~ N(0, I).
 */
import { linspace } from './linalg/linspace';
import type { TheorySettingParams } from './params/fields';
import { createRng } from './rng';
import { symmetricProductABt } from './linalg/symmetricProduct';

/** Its values are the `cov` options of the parameter table. */
export type CovarianceKind = TheorySettingParams['cov'];

export type CovarianceSetting = Pick<
  TheorySettingParams,
  'p' | 'nu' | 'cov' | 'sx' | 'sw' | 'seed'
>;

/** All matrices dense row-major p×p. Shared (memoized): callers must not mutate them. */
export interface Covariances {
  kind: CovarianceKind;
  p: number;
  /** Σ, the input covariance. */
  sigma: Float64Array;
  /** Σw, the covariance of the task parameters w around w0. */
  sigmaW: Float64Array;
  /** L with Σ = L Lᵀ (sample x = L z, z ~ N(0, I)). */
  sigmaFactor: Float64Array;
  /** Lw with Σw = Lw Lwᵀ. */
  sigmaWFactor: Float64Array;
}

/** RNG stream (of the link's one seed) used for the Wishart draw of G and G' (Eq. 17). */
export const WISHART_STREAM = 17;

/** linspace(a, b, p); p = 1 gives [a]. */

function diagonalMatrix(d: Float64Array): Float64Array {
  const p = d.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) out[i * p + i] = d[i];
  return out;
}

function scaledIdentity(p: number, c: number): Float64Array {
  return diagonalMatrix(new Float64Array(p).fill(c));
}

function scaled(a: Float64Array, c: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = c * a[k];
  return out;
}

/** Isotropic: Σ = I, Σw = ν²/p · I (the paper's default, Theorems 1 and 2). */
function isotropic(p: number, nu: number): Covariances {
  const sigma = scaledIdentity(p, 1);
  return {
    kind: 'iso',
    p,
    sigma,
    sigmaW: scaledIdentity(p, (nu * nu) / p),
    sigmaFactor: sigma,
    sigmaWFactor: scaledIdentity(p, nu / Math.sqrt(p)),
  };
}

/** The ν-independent part of a Wishart draw: Σ, its factor, G' and G' G'ᵀ/p. */
interface WishartDraw {
  p: number;
  seed: number;
  sigma: Float64Array;
  sigmaFactor: Float64Array;
  gw: Float64Array;
  gramW: Float64Array;
}

let lastDraw: WishartDraw | null = null;

/** Draws G then G' (row-major, createRng(seed, WISHART_STREAM)); memoized by (p, seed). */
function wishartDraw(p: number, seed: number): WishartDraw {
  if (lastDraw && lastDraw.p === p && lastDraw.seed === seed) return lastDraw;
  const rng = createRng(seed, WISHART_STREAM);
  const g = rng.fillNormal(new Float64Array(p * p));
  const gw = rng.fillNormal(new Float64Array(p * p));
  lastDraw = {
    p,
    seed,
    sigma: symmetricProductABt(g, g, p, 1 / p),
    sigmaFactor: scaled(g, 1 / Math.sqrt(p)),
    gw,
    gramW: symmetricProductABt(gw, gw, p, 1 / p),
  };
  return lastDraw;
}

/**
 * Wishart (paper Eq. 17 as read in theory.md): Σ = G Gᵀ/p, Σw = (ν²/p) · G' G'ᵀ/p with G, G' p×p
 * standard normal (G first, then G', row-major, from createRng(seed, WISHART_STREAM)). Means I and
 * ν²/p · I. Factors G/√p and ν G'/p. A change of ν only rescales (O(p²)), and Σ stays the same
 * array, so its cached powers (theory/traces.ts) survive.
 */
function wishart(p: number, nu: number, seed: number): Covariances {
  const d = wishartDraw(p, seed);
  return {
    kind: 'wishart',
    p,
    sigma: d.sigma,
    sigmaW: scaled(d.gramW, (nu * nu) / p),
    sigmaFactor: d.sigmaFactor,
    sigmaWFactor: scaled(d.gw, nu / p),
  };
}

/** Diagonal with linearly spaced spectra: Σ = diag(linspace(sx)), Σw = ν²/p · diag(linspace(sw)). */
function diagonal(
  p: number,
  nu: number,
  sx: readonly [number, number],
  sw: readonly [number, number],
): Covariances {
  const dx = linspace(sx[0], sx[1], p);
  const dw = linspace(sw[0], sw[1], p);
  for (let i = 0; i < p; i++) dw[i] *= (nu * nu) / p;
  return {
    kind: 'diag',
    p,
    sigma: diagonalMatrix(dx),
    sigmaW: diagonalMatrix(dw),
    sigmaFactor: diagonalMatrix(dx.map(Math.sqrt)),
    sigmaWFactor: diagonalMatrix(dw.map(Math.sqrt)),
  };
}

/** The fields that determine the matrices of each kind (others do not invalidate the memo). */
function covarianceKey(s: CovarianceSetting): string {
  switch (s.cov) {
    case 'iso':
      return `iso|${s.p}|${s.nu}`;
    case 'wishart':
      return `wishart|${s.p}|${s.nu}|${s.seed}`;
    case 'diag':
      return `diag|${s.p}|${s.nu}|${s.sx[0]}|${s.sx[1]}|${s.sw[0]}|${s.sw[1]}`;
  }
}

let lastKey: string | null = null;
let lastResult: Covariances | null = null;

/**
 * Σ, Σw and their factors for a setting. The last result is memoized (a Wishart draw at p = 1000
 * costs ~p³ operations), keyed only by the fields its kind depends on.
 */
export function buildCovariances(s: CovarianceSetting): Covariances {
  if (!Number.isInteger(s.p) || s.p < 1) throw new Error(`buildCovariances: bad p = ${s.p}`);
  const key = covarianceKey(s);
  if (key === lastKey && lastResult) return lastResult;
  let result: Covariances;
  switch (s.cov) {
    case 'iso':
      result = isotropic(s.p, s.nu);
      break;
    case 'wishart':
      result = wishart(s.p, s.nu, s.seed);
      break;
    case 'diag':
      result = diagonal(s.p, s.nu, s.sx, s.sw);
      break;
  }
  lastKey = key;
  lastResult = result;
  return result;
}
