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
    title: 'Fig. 4a — sinusoid regression, the paper’s setting (20 × 20 MLPs)',
    notice:
      'As §5.2: 400 MLPs 1-40-40-1, 100 tasks of 10 + 10 points per meta-batch, 500 SGD iterations, one inner step, α ∈ [1e-4, 0.9], β ∈ [0.01, 9]. Exact second-order MAML. Differs: each cell’s loss is measured on a fixed set of 100 evaluation tasks (the paper plots the training loss), and that set decides divergence.',
    query: `view=stability&stTask=sinusoid&stOrder=second-order&stIters=500&stTasks=100&stShots=10&stWidth=40&stEvalTasks=100&stEvalPoints=20&stAlpha=0.0001,0.9&stBeta=0.01,9&${LOG_AXES}&stAlphaCells=20&stBetaCells=20`,
  },
  {
    id: 'fig4a-quick',
    title: 'Fig. 4a, quick — 10 × 10 cells',
    notice:
      'The paper’s training (100 tasks per meta-batch, 500 iterations, exact MAML) on a coarser 10 × 10 grid over the same ranges: the boundary at half the resolution.',
    query: `view=stability&stTask=sinusoid&stOrder=second-order&stIters=500&stTasks=100&stShots=10&stWidth=40&stEvalTasks=100&stEvalPoints=20&stAlpha=0.0001,0.9&stBeta=0.01,9&${LOG_AXES}&stAlphaCells=10&stBetaCells=10`,
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
