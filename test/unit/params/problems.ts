/** What is wrong with a parameter set per the table (empty when every value is valid), for the codec tests. */
import {
  HIDE_PARTS,
  PARAMS,
  PARAM_KEYS,
  parsePin,
  type ParamSpec,
  type Params,
} from '../../../src/core/params';

const hideNames = new Set<string>([
  ...HIDE_PARTS,
  ...PARAM_KEYS.filter((k) => PARAMS[k].views).map((k) => PARAMS[k].urlKey),
]);

/** Every value valid per the parameter table, pins and hide names included. */
export function problems(params: Params): string[] {
  const out: string[] = [];
  const inRange = (x: unknown, lo: number, hi: number) =>
    typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;
  for (const key of PARAM_KEYS) {
    const spec = PARAMS[key] as ParamSpec;
    const v = params[key] as unknown;
    let ok: boolean;
    switch (spec.kind) {
      case 'number':
        ok = inRange(v, spec.min, spec.max) && (!spec.integer || Number.isInteger(v));
        break;
      case 'enum':
        ok = (spec.options as readonly unknown[]).includes(v);
        break;
      case 'pair':
        ok =
          Array.isArray(v) &&
          v.length === 2 &&
          v.every((x) => inRange(x, spec.min, spec.max)) &&
          (!spec.ordered || v[0] < v[1]);
        break;
      case 'boolean':
        ok = typeof v === 'boolean';
        break;
      case 'text':
        ok =
          typeof v === 'string' &&
          (v === '' ||
            (v.length <= spec.maxLength &&
              spec.pattern.test(v) &&
              (key !== 'hide' || v.split(',').every((n) => hideNames.has(n))) &&
              (!key.startsWith('pin') || 'params' in parsePin(v))));
    }
    if (!ok) out.push(`${key}=${String(v).slice(0, 40)}`);
  }
  return out;
}
