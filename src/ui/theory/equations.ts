/**
 * The equation behind the current readout, with the current numbers substituted (theory.md §1).
 * Pure: TeX strings built only from validated parameters and computed numbers (texNumber.ts).
 */
import {
  eq10SlopeAtZero,
  eq8AlphaTStationaryPoints,
  hShorthand,
  polyEval,
  theorem1K,
  theorem2BracketPoly,
  theorem2K,
} from '../../core/theory';
import type { TheoryReport } from '../../core/theoryReport';
import { texInt as I, texNum } from '../math/texNumber';
import { fmt } from '../theme';

export interface EquationBlock {
  /** Short name shown above the equation ("Theorem 1 (Eq. 5)"). */
  title: string;
  /** The formula in symbols. */
  symbolic: string;
  /** The same formula with the current numbers in place of the symbols, and its value. */
  substituted: string;
  /** One plain-language line on what the numbers say. */
  note?: string;
}

const N = (x: number | null | undefined, d = 4) => texNum(x, d, true);

function hLine(name: string, alpha: number, p: number, n: number): string {
  const h = hShorthand(alpha, p, n);
  return `h_${name} = (1-${N(alpha)})^2 + ${N(alpha)}^2\\cdot\\frac{${I(p + 1)}}{${I(n)}} = ${texNum(h)}`;
}

function lossBlock(r: TheoryReport): EquationBlock | null {
  const c = r.config;
  const s = c;
  const at = c.alphaT;
  const ar = c.alphaR;
  const L = texNum(r.current.theory, 6);
  const noiseTerm = `\\frac{${N(c.sigma)}^2}{2}\\Big(1+\\frac{${N(ar)}^2\\cdot ${I(c.p)}}{${I(c.nr)}}\\Big)`;
  switch (r.current.theorem) {
    case '1': {
      const K = theorem1K(s, at);
      return {
        title: 'Theorem 1 (overparameterized, p > nv·m)',
        symbolic:
          '\\mathcal{L} = \\frac{\\sigma^2}{2}\\Big(1+\\frac{\\alpha_r^2 p}{n_r}\\Big) + \\frac{h_r}{2}\\Big[\\Big(1+\\frac{n_v m}{p}\\Big)\\nu^2 + \\Big(1-\\frac{n_v m}{p}\\Big)|\\omega_0-w_0|^2 + \\sigma^2\\frac{n_v m}{p}\\,\\frac{1+\\alpha_t^2 p/n_t}{h_t}\\Big]',
        substituted:
          `${hLine('t', at, c.p, c.nt)},\\quad ${hLine('r', ar, c.p, c.nr)}\\\\` +
          `\\mathcal{L} = ${noiseTerm} + \\frac{${texNum(hShorthand(ar, c.p, c.nr))}}{2}\\cdot ${texNum(K)} = ${L}`,
        note: `The bracket (${fmt(K)}) is the error of the meta-learned start ω*; it depends on αt only through the last term.`,
      };
    }
    case '2': {
      const bracket = polyEval(theorem2BracketPoly(s), at);
      const ht = hShorthand(at, c.p, c.nt);
      const hr = hShorthand(ar, c.p, c.nr);
      return {
        title: 'Theorem 2 (underparameterized, p < nv·m)',
        symbolic:
          '\\mathcal{L} = \\frac{\\sigma^2}{2}\\Big(1+\\frac{\\alpha_r^2 p}{n_r}\\Big) + \\frac{h_r\\nu^2}{2} + \\frac{h_r\\,p}{2h_t^2 n_v m}\\Big\\{\\sigma^2\\Big[h_t+\\frac{\\alpha_t^2}{n_t}\\big((n_v{+}1)g_1+p\\,g_2\\big)\\Big]+\\frac{\\nu^2}{p}\\big[(n_v{+}1)g_3+p\\,g_4\\big]\\Big\\}',
        substituted:
          `${hLine('t', at, c.p, c.nt)},\\quad ${hLine('r', ar, c.p, c.nr)},\\quad \\{\\cdots\\} = ${texNum(bracket)}\\\\` +
          `\\mathcal{L} = ${noiseTerm} + \\frac{${texNum(hr)}\\cdot ${N(c.nu)}^2}{2} + \\frac{${texNum(hr)}\\cdot ${I(c.p)}}{2\\cdot ${texNum(ht)}^2\\cdot ${I(c.nv)}\\cdot ${I(c.m)}}\\cdot ${texNum(bracket)} = ${L}`,
      };
    }
    case '3':
      return {
        title: 'Theorem 3 (any covariances Σ, Σw; p > nv·m, w0 = ω0 = 0)',
        symbolic:
          '\\mathcal{L} = \\tfrac12\\mathrm{Tr}(\\Sigma_w H_r) + \\frac{\\sigma^2}{2}\\Big[1+\\frac{\\alpha_r^2\\mathrm{Tr}\\Sigma^2}{n_r}\\Big] + \\frac{n_v m}{2}\\frac{\\mathrm{Tr}(H_rH_t)}{\\mathrm{Tr}(H_t)^2}\\Big\\{\\mathrm{Tr}(\\Sigma_wH_t)+\\sigma^2\\Big[1+\\frac{\\alpha_t^2\\mathrm{Tr}\\Sigma^2}{n_t}\\Big]\\Big\\}',
        substituted:
          `H = \\Sigma(I-\\alpha\\Sigma)^2+\\frac{\\alpha^2}{n}(F-\\Sigma^3),\\quad \\alpha_t = ${N(at)},\\ \\alpha_r = ${N(ar)},\\ \\sigma = ${N(c.sigma)},\\ n_v m = ${I(c.nv * c.m)}\\\\` +
          `\\mathcal{L}(\\alpha_t = ${N(at)},\\ \\alpha_r = ${N(ar)}) = ${L}`,
      };
    default:
      return null;
  }
}

function optimumBlock(r: TheoryReport): EquationBlock | null {
  const c = r.config;
  const optT = texNum(r.optimum.alphaT);
  switch (r.current.theorem) {
    case '1': {
      const { minus } = eq8AlphaTStationaryPoints(c.p, c.nt);
      const b = (c.nt + 1) / (2 * c.p);
      return {
        title: 'Eq. 8: the optimal training rate',
        symbolic:
          '\\alpha_t^{-} = -\\frac{n_t+1}{2p} - \\sqrt{\\frac{(n_t+1)^2}{4p^2} + \\frac{n_t}{p}}',
        substituted: `\\alpha_t^{-} = -\\frac{${I(c.nt + 1)}}{${I(2 * c.p)}} - \\sqrt{${texNum(b)}^2 + \\frac{${I(c.nt)}}{${I(c.p)}}} = ${texNum(minus)} < 0`,
        note: 'Negative for every p and nt, and independent of αr: meta-training should step uphill.',
      };
    }
    case '2': {
      const slope = eq10SlopeAtZero(c, c.alphaR);
      return {
        title: 'Eq. 10: the slope at αt = 0',
        symbolic:
          '\\left.\\frac{\\partial\\mathcal{L}}{\\partial\\alpha_t}\\right|_{\\alpha_t=0} = \\frac{h_r\\,\\sigma^2 p}{n_v m} > 0',
        substituted: `\\frac{${texNum(hShorthand(c.alphaR, c.p, c.nr))}\\cdot ${N(c.sigma)}^2\\cdot ${I(c.p)}}{${I(c.nv)}\\cdot ${I(c.m)}} = ${texNum(slope)},\\qquad \\alpha_t^{*} = ${optT}`,
        note: 'A positive slope at αt = 0 means a slightly negative αt beats "no inner loop".',
      };
    }
    case '3':
      return {
        title: 'Optimal rates (exact minimisers of Theorem 3)',
        symbolic:
          '\\alpha_t^{*} = \\arg\\min_{\\alpha_t}\\mathcal{L},\\qquad \\alpha_r^{*} = \\arg\\min_{\\alpha_r}\\mathcal{L}',
        substituted: `\\alpha_t^{*} = ${optT},\\qquad \\alpha_r^{*} = ${texNum(r.optimum.alphaR)}`,
      };
    default:
      return null;
  }
}

/** Closed-form optimal adaptation rate of Theorems 1 and 2 (theory.md "Optimal α_r"). */
function alphaRBlock(r: TheoryReport): EquationBlock | null {
  const c = r.config;
  const thm = r.current.theorem;
  if (thm !== '1' && thm !== '2') return null;
  const K = thm === '1' ? theorem1K(c, c.alphaT) : theorem2K(c, c.alphaT);
  return {
    title: 'The optimal adaptation rate',
    symbolic:
      '\\alpha_r^{*} = \\frac{K}{K\\big(1+\\frac{p+1}{n_r}\\big) + \\sigma^2\\frac{p}{n_r}},\\quad K = \\nu^2 + \\mathbb{E}|\\omega^*-w_0|^2',
    substituted: `\\alpha_r^{*} = \\frac{${texNum(K)}}{${texNum(K)}\\big(1+\\frac{${I(c.p + 1)}}{${I(c.nr)}}\\big) + ${N(c.sigma)}^2\\cdot\\frac{${I(c.p)}}{${I(c.nr)}}} = ${texNum(r.optimum.alphaR)} > 0`,
    note: 'Every term is positive, so the best adaptation rate is positive: at test time, step downhill.',
  };
}

/** The equations for the current report: the loss, then the optima. Empty when no theory applies. */
export function theoryEquations(r: TheoryReport): EquationBlock[] {
  return [lossBlock(r), optimumBlock(r), alphaRBlock(r)].filter(
    (b): b is EquationBlock => b !== null,
  );
}
