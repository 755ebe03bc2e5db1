import { buildCovariances, type CovarianceSetting } from '../covariance';
import { covarianceTraces, type SpectralTraces } from './traces';

/**
 * Theorem 3's traces by covariance setting. For Wishart covariances at large p the one-time
 * precompute (four p×p products, ~0.2 s at p = 500, ~1.7 s at p = 1000) is too slow for the page's
 * main thread, so the page computes it in a worker and primes this cache; everything after that is
 * O(1) per loss evaluation.
 */
const MAX_ENTRIES = 8;
const cache = new Map<string, SpectralTraces>();

export function tracesKey(s: CovarianceSetting): string {
  return [s.cov, s.p, s.nu, s.sx[0], s.sx[1], s.sw[0], s.sw[1], s.seed].join('|');
}

/** Wishart with p above this is precomputed off the main thread by the page. */
export const SLOW_TRACES_MIN_P = 250;

/** True when computing the traces would block for long and they are not cached yet. */
export function tracesAreSlow(s: CovarianceSetting): boolean {
  return s.cov === 'wishart' && s.p >= SLOW_TRACES_MIN_P && !cache.has(tracesKey(s));
}

export function primeTraces(s: CovarianceSetting, t: SpectralTraces): void {
  cache.set(tracesKey(s), t);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

export function computeTraces(s: CovarianceSetting): SpectralTraces {
  return covarianceTraces(buildCovariances(s));
}

export function tracesFor(s: CovarianceSetting): SpectralTraces {
  const key = tracesKey(s);
  let t = cache.get(key);
  if (!t) {
    t = computeTraces(s);
    primeTraces(s, t);
  }
  return t;
}
