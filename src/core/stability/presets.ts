/**
 * Presets of the stability view as share links (the same format as the theory view's presets):
 * the paper's Fig. 3 (linear regression, §5.1) and Fig. 4a (sinusoid, §5.2), and the mixed linear
 * regression of the theory view with its outer loop trained by GD.
 */
import type { Preset } from '../presets';

const LOG_AXES = 'stAlphaAxis=log&stBetaAxis=log';

export const STABILITY_PRESETS: readonly Preset[] = [
  {
    id: 'fig3',
    title: 'Fig. 3 — linear regression (first order)',
    notice:
      'One task, 10 points, plain MSE: the diverged region follows β_c(α) of both eigenvalues, and α_c = 1/λ_max.',
    query: `view=stability&stTask=linear&stOrder=first-order&stPoints=10&stIters=500&stAlpha=0.00001,0.09&stBeta=0.005,9&${LOG_AXES}&stAlphaCells=40&stBetaCells=40`,
  },
  {
    id: 'fig3-exact',
    title: 'Fig. 3 setting — exact (second-order) MAML',
    notice: 'Exact MAML: β_c = 2/(λ(1 − αλ)²), no barrier at α_c; a third of the cells change.',
    query: `view=stability&stTask=linear&stOrder=second-order&stPoints=10&stIters=500&stAlpha=0.00001,0.09&stBeta=0.005,9&${LOG_AXES}&stAlphaCells=40&stBetaCells=40`,
  },
  {
    id: 'fig4a',
    title: 'Fig. 4a — sinusoid regression (20 × 20 MLPs)',
    notice:
      'All 400 MLPs 1-40-40-1 train at once. The paper finds a larger stable β near the largest α; here the stable β shrinks as α grows.',
    query: `view=stability&stTask=sinusoid&stOrder=second-order&stIters=500&stAlpha=0.0001,0.9&stBeta=0.01,9&${LOG_AXES}&stAlphaCells=20&stBetaCells=20`,
  },
  {
    id: 'mixed-gd',
    title: 'Mixed linear regression — stable β vs αt (outer GD)',
    notice:
      'The theory view’s setting trained by GD: the stable β range over αt, negative αt included.',
    query:
      'view=stability&stTask=mixed&stIters=500&stAlpha=-1,1&stBeta=0.01,3&stAlphaAxis=linear&stBetaAxis=log&stAlphaCells=41&stBetaCells=40',
  },
];
