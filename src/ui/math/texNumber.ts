/**
 * Numbers as TeX. Every string that reaches KaTeX is built here from finite numbers (never from link
 * text), so a hostile link cannot inject TeX commands.
 */
export function texNum(x: number | null | undefined, digits = 4, parenNegative = false): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '\\text{—}';
  const a = Math.abs(x);
  let body: string;
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [mant, exp] = a.toExponential(digits - 1).split('e');
    body = `${Number(mant)}\\times 10^{${Number(exp)}}`;
  } else body = String(Number(a.toPrecision(digits)));
  if (x >= 0) return body;
  return parenNegative ? `(-${body})` : `-${body}`;
}

/** An integer size (p, m, n…) as TeX. */
export const texInt = (n: number): string => String(Math.round(n));
