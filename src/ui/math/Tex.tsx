import { useEffect, useRef } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/**
 * TeX typeset by KaTeX into a span. Callers build `tex` from validated numbers only (texNumber.ts);
 * `trust: false` additionally forbids \href, \url and friends. MathML output keeps it readable by
 * screen readers.
 */
export function Tex({
  tex,
  display = false,
  label,
  testId,
}: {
  tex: string;
  display?: boolean;
  label?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    katex.render(tex, ref.current, {
      displayMode: display,
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
  }, [tex, display]);
  return (
    <span
      ref={ref}
      className={display ? 'tex tex-display' : 'tex'}
      data-testid={testId}
      data-tex={tex}
      aria-label={label}
    />
  );
}
