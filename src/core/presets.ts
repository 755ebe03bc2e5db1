/**
 * Presets: every figure of the papers the explorer reproduces, as share links, so a preset is
 * exactly what a user could have typed or shared. Settings: theory.md §1 "Figure settings"
 * (Bernacchia 2021, Figs. 2–4 and Appendix Fig. 6). Panel (a) of Figs. 2–4 varies αr at αt = 0.2,
 * panel (b) varies αt at αr = 0.2; `runs` is the paper's runs per point.
 */
export interface Preset {
  id: string;
  title: string;
  /** One line for the gallery: what to look at. */
  notice: string;
  /** Share-link query string (parsed with the same codec as any link). */
  query: string;
}

const FIG2 = 'nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5';
const FIG3 = 'nt=5&nv=25&nr=10&m=40&p=30&sigma=0.2&nu=0.2';
const FIG6 = 'nt=40&nr=40&p=50&sigma=0.5&nu=0.5&w0=0.1&alphaR=0.2&focus=alphaT';

export const THEORY_PRESETS: readonly Preset[] = [
  {
    id: 'fig2a',
    title: 'Fig. 2a — adaptation rate αr (overparameterized)',
    notice: 'The optimal adaptation rate αr is positive.',
    query: `${FIG2}&alphaT=0.2&alphaR=0.2&focus=alphaR`,
  },
  {
    id: 'fig2b',
    title: 'Fig. 2b — training rate αt (overparameterized)',
    notice: 'The optimal training rate αt is negative (Eq. 8: αt⁻ ≈ −1.01).',
    query: `${FIG2}&alphaT=0.2&alphaR=0.2&focus=alphaT`,
  },
  {
    id: 'fig3a',
    title: 'Fig. 3a — adaptation rate αr (underparameterized)',
    notice: 'Theorem 2 applies (p < nv·m); the best αr is still positive.',
    query: `${FIG3}&alphaT=0.2&alphaR=0.2&focus=alphaR`,
  },
  {
    id: 'fig3b',
    title: 'Fig. 3b — training rate αt (underparameterized)',
    notice: 'Eq. 10: the slope at αt = 0 is positive, so a slightly negative αt is better.',
    query: `${FIG3}&alphaT=0.2&alphaR=0.2&focus=alphaT`,
  },
  {
    id: 'fig4a',
    title: 'Fig. 4a — αr with Wishart covariances',
    notice: 'Theorem 3 (non-isotropic Σ, Σw): the best αr stays positive.',
    query: `${FIG2}&cov=wishart&alphaT=0.2&alphaR=0.2&focus=alphaR`,
  },
  {
    id: 'fig4b',
    title: 'Fig. 4b — αt with Wishart covariances',
    notice: 'Theorem 3: negative training rates still help.',
    query: `${FIG2}&cov=wishart&alphaT=0.2&alphaR=0.2&focus=alphaT`,
  },
  {
    id: 'fig6a',
    title: 'Fig. 6a — strongly overparameterized (nv·m/p = 0.04)',
    notice: 'Theory accurate; ω0 ≠ w0 makes the outer loop overfit.',
    query: `${FIG6}&m=1&nv=2`,
  },
  {
    id: 'fig6b',
    title: 'Fig. 6b — weakly overparameterized (nv·m/p = 0.5)',
    notice: 'Near the transition the theorem is 20–40 % off: marked unreliable.',
    query: `${FIG6}&m=5&nv=5`,
  },
  {
    id: 'fig6c',
    title: 'Fig. 6c — weakly underparameterized (nv·m/p = 2)',
    notice: 'Near the transition the theorem is 20–40 % off: marked unreliable.',
    query: `${FIG6}&m=10&nv=10`,
  },
  {
    id: 'fig6d',
    title: 'Fig. 6d — strongly underparameterized (nv·m/p = 8)',
    notice: 'Theorem 2 is accurate again.',
    query: `${FIG6}&m=10&nv=40`,
  },
];
