import { describe, expect, test } from 'vitest';
import {
  differencesFromPaper,
  flattenedCells,
  paperFig4aParams,
  sinusoidFindings,
} from '../../../src/core/stability/sinusoidFindings';

const alpha = [1e-4, 1e-3, 1e-2, 1e-1, 1];
const beta = [0.01, 0.1, 1, 10];
/** Column i stable up to (and including) beta index top[i]; -1: all diverged. */
const gridOf = (top: number[]) => ({
  alpha,
  beta,
  diverged: top.map((t) => beta.map((_, j) => j > t)),
});

describe('sinusoid grid findings (the paper’s Fig. 4a claim)', () => {
  test('a larger stable β near the edge of the stable α range agrees', () => {
    const f = sinusoidFindings(gridOf([1, 1, 1, 2, -1]));
    expect(f.betaMax).toEqual([0.1, 0.1, 0.1, 1, null]);
    expect(f.edge).toEqual({ alpha: 0.1, betaMax: 1 });
    expect(f.verdict).toBe('agrees');
  });
  test('a smaller one disagrees; equal is undecided; nothing stable is undecided', () => {
    expect(sinusoidFindings(gridOf([2, 2, 2, 1, -1])).verdict).toBe('disagrees');
    expect(sinusoidFindings(gridOf([1, 1, 1, 1, -1])).verdict).toBe('undecided');
    expect(sinusoidFindings(gridOf([-1, -1, -1, -1, -1])).verdict).toBe('undecided');
  });
  test('β_max is the stable run from the bottom: a stable cell above a diverged one does not count', () => {
    const g = gridOf([3, 3, 3, 3, 3]);
    g.diverged[0] = [false, true, false, false];
    expect(sinusoidFindings(g).betaMax[0]).toBe(0.01);
  });
  test('differences from the paper’s setting are named; the paper preset has none', () => {
    const paper = paperFig4aParams();
    expect(differencesFromPaper(paper)).toEqual([]);
    expect(differencesFromPaper({ ...paper, stTasks: 1, stIters: 100 })).toEqual([
      'tasks per meta-batch 1 (paper 100)',
      'iterations 100 (paper 500)',
    ]);
    expect(differencesFromPaper({ ...paper, stAlphaCells: 10 })).toEqual([]);
  });
});

describe('convergence of the stable cells', () => {
  test('a curve that levels off counts as flattened; a falling one and diverged cells do not', () => {
    const its = [0, 100, 200, 300, 400, 500];
    const level = [4, 2, 1.5, 1.5, 1.5, 1.5];
    const falling = [4, 3.5, 3, 2.5, 2, 1.5];
    const history = its.map((iteration, r) => ({
      iteration,
      loss: [[level[r], falling[r], null]],
    }));
    const f = flattenedCells([[false, false, true]], history);
    expect(f).toMatchObject({ stable: 2, flattened: 1, medianAt: 300 });
  });
});
