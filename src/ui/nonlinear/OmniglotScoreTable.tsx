/** The accuracy table of the Omniglot training panels: one row per arm, and what trained each. */
import type { OgArmResult } from '../../core/omniglot/training';

/** A mean ± 95 % CI of a fraction, in percent. */
export const pm = (m: number, ci: number) => `${(100 * m).toFixed(1)} ± ${(100 * ci).toFixed(1)}`;

/** Which engine meta-trained each arm, and how long it took (NIL reuses the MAML network). */
function trainedBy(arms: readonly OgArmResult[]): string {
  return arms
    .filter((a) => a.arm !== 'NIL')
    .map((a) => {
      const label = a.arm.startsWith('αt') ? a.arm : `${a.arm} αt = ${a.alphaT}`;
      return `${label}: ${a.engine}, ${a.trainSeconds.toFixed(a.trainSeconds < 10 ? 1 : 0)} s`;
    })
    .join('; ');
}

/** What adapted and scored each arm on the test tasks. */
function scoredBy(arms: readonly OgArmResult[]): string {
  const by = new Map<string, string[]>();
  for (const a of arms) by.set(a.scoredBy, [...(by.get(a.scoredBy) ?? []), a.arm]);
  return [...by].map(([engine, names]) => `${names.join(', ')}: ${engine}`).join('; ');
}

export function ScoreTable({ arms, testId }: { arms: readonly OgArmResult[]; testId: string }) {
  const steps = arms[0]?.fiveWay.map((f) => f.steps) ?? [];
  return (
    <>
      <table className="nl-table" data-testid={testId}>
        <thead>
          <tr>
            <th>arm</th>
            <th>αt</th>
            {steps.map((s) => (
              <th key={s}>
                5-way 1-shot, {s} step{s > 1 ? 's' : ''} (%, 95 % CI)
              </th>
            ))}
            <th>20-way 1-shot, official runs (%)</th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a, i) => (
            <tr key={i}>
              <td>{a.arm}</td>
              <td>{a.arm === 'NIL' ? '—' : a.alphaT}</td>
              {a.fiveWay.map((f) => (
                <td key={f.steps}>
                  {a.arm === 'NIL'
                    ? pm(f.acc.mean, f.acc.ci95) + ' (no steps)'
                    : pm(f.acc.mean, f.acc.ci95)}
                </td>
              ))}
              <td>{pm(a.twentyWay.mean, a.twentyWay.ci95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nl-explain" data-testid={`${testId}-engine`}>
        Meta-trained by: {trainedBy(arms)}. Scored by: {scoredBy(arms)}.
      </p>
    </>
  );
}
