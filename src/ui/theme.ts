/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const COLORS = {
  theory: '#0072B2',
  sim: '#D55E00',
  optimum: '#009E73',
  current: '#E69F00',
  neutral: '#777777',
  accent: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
} as const;

/** Number formatting for readouts: enough digits to compare with the CLI, no noise. */
export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}
