/** What the Omniglot training panels share: preset buttons, the setting and progress in words, and the training curves. */
import type { OgProgress, OgTrainSetting } from '../../core/omniglot/training';
import { OMNIGLOT_PRESETS } from '../../core/omniglot/presets';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { presetLink } from '../gallery/Gallery';
import { appStore } from '../../state/store';

export const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function PresetButtons({ ids }: { ids: string[] }) {
  return (
    <p className="nl-presets">
      Presets:{' '}
      {OMNIGLOT_PRESETS.filter((p) => ids.includes(p.id)).map((p) => (
        <button
          key={p.id}
          type="button"
          title={p.notice}
          data-testid={`preset-${p.id}`}
          onClick={() =>
            appStore.getState().loadLink(presetLink(p, 'nonlinear', appStore.getState().params))
          }
        >
          {p.title.split(':')[0]}
        </button>
      ))}
    </p>
  );
}

export function settingText(s: OgTrainSetting) {
  return (
    `Conv4-${s.filters}, ${s.way}-way 1-shot training tasks with ${s.queries} queries per class, ` +
    `meta-batch ${s.metaBatch}, ${s.iterations} iterations of Adam (${s.outerLr}), ` +
    `${s.trainSteps} inner step${s.trainSteps > 1 ? 's' : ''} (${s.firstOrder ? 'first' : 'exact second'} order), ` +
    `αr = ${s.alphaR}; scored on the first ${s.evalTasks} of the 600 fixed 5-way 1-shot test tasks ` +
    `and on the 20 official 20-way runs, seed ${s.seed}.`
  );
}

export function progressText(p: OgProgress | null) {
  if (!p) return 'starting…';
  const last = p.curve[p.curve.length - 1];
  return (
    `${p.label} (${p.part + 1}/${p.parts}): ${p.stage} ${p.done}/${p.total}` +
    (p.stage === 'train' && last ? `, loss ${fmt(last.loss, 3)}` : '')
  );
}

export function TrainingCurves({
  testId,
  curves,
}: {
  testId: string;
  curves: Record<string, { iteration: number; loss: number }[]>;
}) {
  const palette = [COLORS.theory, COLORS.sim, COLORS.optimum, COLORS.accent, COLORS.sky];
  const data: Data[] = Object.entries(curves).map(([label, pts], i) => ({
    x: pts.map((p) => p.iteration),
    y: pts.map((p) => p.loss),
    type: 'scatter',
    mode: 'lines',
    name: label,
    line: { color: palette[i % palette.length] },
  }));
  return (
    <Plot
      testId={testId}
      data={data}
      layout={{
        title: { text: 'Meta-training loss' },
        xaxis: { title: { text: 'iteration' } },
        yaxis: { title: { text: 'query cross-entropy' } },
        height: 300,
        margin: { t: 40, r: 20, b: 40, l: 60 },
      }}
      summary={Object.entries(curves)
        .map(([l, pts]) => `${l}: loss ${fmt(pts[pts.length - 1]?.loss, 3)}`)
        .join('; ')}
    />
  );
}
