/**
 * Presets of the nonlinear / Meta-SGD view, as share-link queries (like src/core/presets.ts).
 * The paper's Fig. 5 (width 400, 5000 epochs, 13 × 10 networks) takes about half an hour on a
 * 2-core CPU on the wasm MAML kernel, two threads (README: "Fig. 5 at the paper's settings"); the
 * quick default (FIG5_QUICK) finishes in seconds, with its meta-training loss flattened.
 */
import type { Preset } from '../presets';

const FIG2 = 'nt=30&nv=2&nr=20&m=3&p=60&sigma=1&nu=0.5&w0=0&omega0=0&alphaR=0.2';

export const NONLINEAR_PRESETS: readonly Preset[] = [
  {
    id: 'nonlinear-quick',
    title: 'Quick: Fig. 5 at width 40 (converged), learned αt at the Fig. 2 setting',
    notice:
      "A reduced Fig. 5 (width 40, lr 0.02, 200 epochs, 5 runs, 200 test tasks): its meta-training loss flattens, but it is not the paper's setting.",
    query: `view=nonlinear&${FIG2}`,
  },
  {
    id: 'fig5-paper',
    title: 'Fig. 5 as in the paper (width 400, 5000 epochs, 10 runs, 1000 test tasks)',
    notice:
      'Paper: best αt = −0.0075. About half an hour on a 2-core CPU, in the page (one shard worker per core) or with `npm run repro` (one worker thread per core).',
    query:
      `view=nonlinear&${FIG2}&f5Width=400&f5Epochs=5000&f5Lr=0.001&f5Alphas=-0.0225,0.0225` +
      '&f5Count=13&f5Runs=10&f5TestTasks=1000&f5AlphaR=0.01',
  },
  {
    id: 'metasgd-sinusoid-long',
    title: 'Meta-SGD on sinusoids, 20 000 iterations',
    notice: 'Per-layer learned rates (Table 1 style): which layers learn negative rates?',
    query: `view=nonlinear&${FIG2}&msTask=sinusoid&msIters=20000`,
  },
];
