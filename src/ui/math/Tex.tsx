import { useEffect, useRef, useState } from 'react';
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
  // A display equation wider than the screen (a phone) scrolls sideways; say so, and let the
  // keyboard scroll it, or its result ("= −1.011") is cut at the edge with no hint.
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    katex.render(tex, el, {
      displayMode: display,
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
    if (!display) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    // KaTeX's fonts change the equation's width when they arrive; the box changes with the page.
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    fonts?.addEventListener('loadingdone', measure);
    void fonts?.ready.then(measure);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      fonts?.removeEventListener('loadingdone', measure);
    };
  }, [tex, display]);
  const span = (
    <span
      ref={ref}
      className={display ? 'tex tex-display' : 'tex'}
      data-testid={testId}
      data-tex={tex}
      data-overflows={overflows ? 'true' : undefined}
      tabIndex={overflows ? 0 : undefined}
      role={overflows ? 'group' : undefined}
      aria-label={label}
    />
  );
  if (!display) return span;
  return (
    <>
      {span}
      {overflows && (
        <span className="tex-scroll-hint" aria-hidden="true">
          scroll sideways for the rest →
        </span>
      )}
    </>
  );
}
