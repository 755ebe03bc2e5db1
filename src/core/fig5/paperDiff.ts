/** How a Fig. 5 setting differs from the paper's (Bernacchia 2021 §5.4), in plain words. */
import { FIG5_PAPER, type Fig5Setting } from './quadraticRegression';

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 1e-12);

/** One line per setting that differs from the paper's; empty at the paper's setting. */
export function fig5Differences(st: Fig5Setting): string[] {
  const P = FIG5_PAPER;
  const out: string[] = [];
  const d = (cond: boolean, what: string) => cond && out.push(what);
  d(st.width !== P.width, `width ${st.width} (paper: ${P.width})`);
  d(st.epochs !== P.epochs, `${st.epochs} epochs (paper: ${P.epochs})`);
  d(st.outerLr !== P.outerLr, `outer lr ${st.outerLr} (paper: ${P.outerLr})`);
  d(st.runs !== P.runs, `${st.runs} runs per αt (paper: ${P.runs})`);
  d(st.testTasks !== P.testTasks, `${st.testTasks} test tasks (paper: ${P.testTasks})`);
  d(st.alphaR !== P.alphaR, `αr = ${st.alphaR} (paper: ${P.alphaR})`);
  d(st.firstOrder, 'first-order MAML (paper: exact, second order)');
  for (const k of ['p', 'nt', 'nv', 'nr', 'm', 'sigma', 'nu', 'w0'] as const)
    d(st[k] !== P[k], `${k} = ${st[k]} (paper: ${P[k]})`);
  const r = (v: readonly number[]) =>
    `${v.length} values ${Number(v[0].toPrecision(4))}…${Number(v[v.length - 1].toPrecision(4))}`;
  d(!same(st.alphas, P.alphas), `αt grid: ${r(st.alphas)} (paper setting here: ${r(P.alphas)})`);
  return out;
}

/**
 * Everything that decides the paper's answer is the paper's (the αt grid aside: a finer or wider
 * grid still answers the paper's question, so it does not make a run "reduced").
 */
export const isPaperScale = (st: Fig5Setting): boolean =>
  fig5Differences({ ...st, alphas: FIG5_PAPER.alphas }).length === 0;
