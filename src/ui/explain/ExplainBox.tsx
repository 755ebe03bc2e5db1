import type { ReactNode } from 'react';

/**
 * A collapsible plain-language explanation for any view ("what am I looking at?"). Open by default:
 * in class the explanation is the point; `hide=explain` in a link removes it for a focused view.
 */
export function ExplainBox({
  title = 'What am I looking at?',
  children,
  testId = 'explain',
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="explain" open data-testid={testId}>
      <summary>{title}</summary>
      <div className="explain-body">{children}</div>
    </details>
  );
}
