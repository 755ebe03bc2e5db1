/**
 * Presets of the nonlinear / Meta-SGD view, as share-link queries (like src/core/presets.ts).
 * The paper's Fig. 5 (width 400, 5000 epochs, 13 × 10 networks) extrapolates to ~64 h on a 2-core
 * CPU (wasm, `npm run bench:nonlinear -- --paper-only`) and needs a real GPU; the quick default
 * is what a machine without a GPU finishes in a few minutes.
 */
import type { Preset } from '../presets';

const FIG2 = 'nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&w0=0&omega0=0&alphaR=0.2';

export const NONLINEAR_PRESETS: readonly Preset[] = [
  {
    id: 'nonlinear-quick',
    title: 'Quick: Fig. 5 at width 40, learned αt at the Fig. 2 setting',
    notice:
      'A small version of Fig. 5 that runs without a GPU; say so when comparing with −0.0075.',
    query: `view=nonlinear&${FIG2}`,
  },
  {
    id: 'fig5-paper',
    title: 'Fig. 5 as in the paper (width 400, 5000 epochs, 10 runs, 1000 test tasks)',
    notice:
      'Paper: best αt = −0.0075. Needs a real GPU: on a 2-core CPU (wasm) it extrapolates to days.',
    query:
      `view=nonlinear&${FIG2}&f5Width=400&f5Epochs=5000&f5Lr=0.001&f5Alphas=-0.03,0.03` +
      '&f5Count=13&f5Runs=10&f5TestTasks=1000&f5AlphaR=0.01',
  },
  {
    id: 'metasgd-sinusoid-long',
    title: 'Meta-SGD on sinusoids, 20 000 iterations',
    notice: 'Per-layer learned rates (Table 1 style): which layers learn negative rates?',
    query: `view=nonlinear&${FIG2}&msTask=sinusoid&msIters=20000`,
  },
];
