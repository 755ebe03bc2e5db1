/**
 * Typed field lists derived from the parameter table, so no list of names is copied by hand: a
 * setting type is the value types of a group of specs, and a picker takes exactly those keys.
 */
import type { ParamSpec, ValueOf } from './spec';
import type { ParamKey, Params } from './table';
import { simParams } from './simParams';
import { theorySettingParams } from './theoryParams';

/** The value types of a group of specs. */
export type ValuesOf<T extends Record<string, ParamSpec>> = {
  -readonly [K in keyof T]: ValueOf<T[K]>;
};

const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

/** The mixed-linear-regression setting: p, m, nt, nv, nr, σ, ν, w0, ω0 and the covariances. */
export const THEORY_SETTING_KEYS = keysOf(theorySettingParams);
export type TheorySettingParams = ValuesOf<typeof theorySettingParams>;

/** How the simulation runs (runs, estimator, test tasks and points); the backend is the job's. */
export type SimRunKey = Exclude<keyof typeof simParams, 'backend'>;
export const SIM_RUN_KEYS = keysOf(simParams).filter((k): k is SimRunKey => k !== 'backend');

export function pickParams<K extends ParamKey>(p: Params, keys: readonly K[]): Pick<Params, K> {
  const out = {} as Pick<Params, K>;
  for (const k of keys) out[k] = p[k];
  return out;
}
