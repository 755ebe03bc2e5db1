/**
 * Presets of the Omniglot training panels, as share-link queries. Not in the view's Preset menu
 * and gallery (every gallery card needs a thumbnail, and these would have to be trained for
 * `npm run thumbnails`); the panels load them with their own buttons, and the CLI runs their links.
 */
import type { Preset } from '../presets';

const REFERENCE =
  'ogFilters=64&ogWay=5&ogTrainQueries=5&ogMetaBatch=8&ogOuterLr=0.001&ogAlphaT=0.4&ogAlphaR=0.4' +
  '&ogTrainSteps=1&ogEvalTasks=600';

export const OMNIGLOT_PRESETS: readonly Preset[] = [
  {
    id: 'omniglot-quick',
    title: 'Quick: is the inner loop necessary? (under half a minute on a CPU)',
    notice:
      'Reduced versus the reference: 16 filters (not 64), meta-batch 4 (not 8), 40 iterations ' +
      '(not 3000), Adam 0.003 (not 0.001), the first 100 of the 600 test tasks. Accuracies are far ' +
      'below a trained network’s; the comparison between arms is what to look at.',
    query: 'view=nonlinear&ogExperiment=innerLoop',
  },
  {
    id: 'omniglot-rates-quick',
    title: 'Quick: negative training rates on Omniglot (αt = −0.4, 0, 0.4; about a minute)',
    notice:
      'Reduced as the quick inner-loop preset (16 filters, meta-batch 4, 40 iterations, 100 test ' +
      'tasks), 3 values of αt at αr = 0.4.',
    query: 'view=nonlinear&ogExperiment=rates',
  },
  {
    id: 'omniglot-reference',
    title: 'Reference: Conv4-64 MAML, meta-batch 8, 3000 iterations, exact second order',
    notice:
      'The issue’s reference run (αt = αr = 0.4, 1 inner step in training, 1 and 3 at test, Adam ' +
      '0.001, 600 test tasks): about 5 min on a 2-core CPU on the wasm Conv4 kernel (README: ' +
      '89.1 ± 0.6 % 5-way 1-shot).',
    query: `view=nonlinear&ogExperiment=innerLoop&ogArms=maml&${REFERENCE}&ogIters=3000`,
  },
  {
    id: 'omniglot-20min',
    title: 'The reference at 800 iterations (about 2 minutes on a CPU)',
    notice:
      'The reference setting (Conv4-64, meta-batch 8, exact second order, 600 test tasks) stopped ' +
      'at 800 of 3000 iterations.',
    query: `view=nonlinear&ogExperiment=innerLoop&ogArms=maml&${REFERENCE}&ogIters=800`,
  },
  {
    id: 'omniglot-metasgd-quick',
    title: 'Quick: Meta-SGD on Omniglot, learned rates per layer (about half a minute)',
    notice:
      'Reduced as the quick inner-loop preset (16 filters, meta-batch 4, 40 iterations, 100 test ' +
      'tasks); the rates start at 0.4. Starshak trained for 40,000 iterations on Mini-ImageNet.',
    query: 'view=nonlinear&ogExperiment=metaSgd',
  },
  {
    id: 'omniglot-metasgd-reference',
    title: 'Meta-SGD at the reference setting (Conv4-64, 3000 iterations; a GPU preset)',
    notice: 'The reference setting with per-parameter rates initialized at 0.4.',
    query: `view=nonlinear&ogExperiment=metaSgd&${REFERENCE}&ogIters=3000`,
  },
  {
    id: 'omniglot-reference-rates',
    title: 'Reference setting, αt from −0.4 to 0.4 (5 networks: 5 × the reference’s time)',
    notice: 'Five reference trainings (3000 iterations each) at αr = 0.4.',
    query: `view=nonlinear&ogExperiment=rates&${REFERENCE}&ogIters=3000&ogAlphas=-0.4,0.4&ogCount=5`,
  },
  {
    id: 'omniglot-fig4b-quick',
    title: 'Quick: α–β stability heatmap on Omniglot (5 × 5 cells; under a minute on a CPU)',
    notice:
      'Reduced versus the paper’s Fig. 4b: 5 × 5 cells over its ranges (α 0.001–9, β 0.1–90), ' +
      'Conv4-8 (not 64), meta-batch 2 (not 32), 5 queries per class (not 15), 12 iterations (not ' +
      '100), 20 fixed evaluation tasks; 2 inner steps and plain SGD as in the paper.',
    query: 'view=nonlinear&ogExperiment=stability',
  },
  {
    id: 'omniglot-fig4b-paper',
    title: 'Fig. 4b at the paper’s setting (10 × 10 cells, Conv4-64, meta-batch 32; a GPU preset)',
    notice:
      'The paper’s protocol: α 0.001–9, β 0.1–90, 2 inner steps, 15 queries per class, meta-batch ' +
      '32, 100 SGD iterations per cell, Conv4-64; 10 × 10 cells (the paper does not state its ' +
      'resolution), 100 fixed evaluation tasks. Hours on a CPU.',
    query:
      'view=nonlinear&ogExperiment=stability&ogGridFilters=64&ogGridMetaBatch=32&ogGridQueries=15' +
      '&ogGridIters=100&ogGridAlphaCells=10&ogGridBetaCells=10&ogGridEvalTasks=100',
  },
  {
    id: 'omniglot-probe-quick',
    title: 'Quick: feature-reuse probe on Omniglot, MAML vs Meta-SGD (under a minute)',
    notice:
      'The quick setting of the panels above (Conv4-16, meta-batch 4, 40 iterations, Adam 0.003, ' +
      '1 inner step) for both networks, then the probe on the first 100 test tasks with 1 ' +
      'adaptation step. Starshak: Mini-ImageNet, 60,000 iterations, 5 steps, 40,000 probe tasks.',
    query: 'view=nonlinear&ogExperiment=probe',
  },
  {
    id: 'omniglot-probe-reference',
    title: 'Feature-reuse probe at the reference setting with 5 inner steps (a GPU preset)',
    notice:
      'Conv4-64, meta-batch 8, 3000 iterations, Adam 0.001, 5 inner steps in training and in the ' +
      'probe (as Starshak), all 600 test tasks.',
    query: `view=nonlinear&ogExperiment=probe&${REFERENCE.replace('ogTrainSteps=1', 'ogTrainSteps=5')}&ogIters=3000&ogProbeSteps=5`,
  },
];
