import { learnedRatesJob } from '../../../src/core/metaSgd/jobs';
import type { LearnedRatesProgress } from '../../../src/core/metaSgd/learnedRatesTypes';
import { expect, test } from 'vitest';
import { directContext } from '../../../src/core/jobs/context';
import { runLearnedRates } from '../../../src/core/metaSgd/learnedRatesRunner';
import { parseLink } from '../../../src/core/params';

test('learned-rates job: streams trajectories, references from the theory core, JSON-safe', async () => {
  const job = {
    ...learnedRatesJob(parseLink('').params),
    freshSteps: 500,
    optimumDraws: 40,
    perParameter: false,
  };
  const seen: LearnedRatesProgress[] = [];
  const r = await runLearnedRates(
    job,
    directContext((p) => seen.push(p)),
  );
  expect(r.trajectories.map((t) => t.kind)).toEqual([
    'freshTasks',
    'fixedTasks',
    'testHyperGradient',
  ]);
  expect(seen.length).toBeGreaterThan(3);
  // Progress only grows: each partial holds the finished trajectories plus the running one.
  for (let i = 1; i < seen.length; i++)
    expect(seen[i].trajectories.length).toBeGreaterThanOrEqual(seen[i - 1].trajectories.length);
  // Default link = Fig. 2 setting (reference-values.json fig2_eq8_alpha_t_minus).
  expect(r.references.eq8AlphaTMinus).toBeCloseTo(-1.0111521104046224, 12);
  // Best adaptation rate on n_t = 30 points at ω = w0: ν²/(ν²(1 + 61/30) + σ² 60/30).
  expect(r.references.bestAdaptationRate).toBeCloseTo(0.25 / (0.25 * (1 + 61 / 30) + 2), 12);
  expect(r.simulatedOptimum!.argmin).toBeLessThan(0);
  expect(JSON.parse(JSON.stringify(r)).trajectories[2].final.mean).toBeLessThan(-0.5);
});
