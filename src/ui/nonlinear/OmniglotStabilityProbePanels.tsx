import { useMemo } from 'react';
import {
  chanceLoss,
  ogStabilitySpec,
  PAPER_FIG4B,
  type OgStabilityJob,
} from '../../core/omniglot/stability';
import {
  ogProbeSpec,
  STARSHAK_PROBE,
  type ClaimVerdict,
  type OgProbeArm,
  type PairedDiff,
} from '../../core/omniglot/probe';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { useColorScheme } from '../plot/plotTheme';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { heatmapFigure } from '../stability/heatmapFigure';
import { useExportedSection } from './sectionRegistry';
import { pm } from './OmniglotScoreTable';
import { PresetButtons, progressText, settingText, TrainingCurves } from './OmniglotPanelParts';

/** What the grid's setting reduces against the paper's Fig. 4b protocol, in words. */
function reducedText(job: OgStabilityJob): string[] {
  const s = job.setting;
  const P = PAPER_FIG4B;
  const out: string[] = [];
  const cmp = (label: string, v: number, paper: number) =>
    v !== paper && out.push(`${label} ${v} (paper ${paper})`);
  cmp('filters', s.filters, P.filters);
  cmp('meta-batch', s.metaBatch, P.metaBatch);
  cmp('queries per class', s.queries, P.queries);
  cmp('iterations', s.iterations, P.iterations);
  cmp('inner steps', s.trainSteps, P.steps);
  const [a0, a1] = [job.alpha[0], job.alpha[job.alpha.length - 1]];
  const [b0, b1] = [job.beta[0], job.beta[job.beta.length - 1]];
  if (a0 !== P.alpha[0] || a1 !== P.alpha[1])
    out.push(`α ${a0}–${a1} (paper ${P.alpha.join('–')})`);
  if (b0 !== P.beta[0] || b1 !== P.beta[1]) out.push(`β ${b0}–${b1} (paper ${P.beta.join('–')})`);
  return out;
}

const VERDICT_TEXT = {
  agrees: 'agrees with the paper',
  disagrees: 'disagrees with the paper',
  undecided: 'undecided (the same largest stable β, or nothing stable)',
} as const;

/** The colour bar thin, its title along it: the heatmap keeps its width on a phone. */
function narrowColorbar(f: ReturnType<typeof heatmapFigure>) {
  const [hm, ...rest] = f.data as (Data & { colorbar?: { title?: { text?: string } } })[];
  const colorbar = { thickness: 12, title: { text: hm.colorbar?.title?.text, side: 'right' } };
  return { ...f, data: [{ ...hm, colorbar } as Data, ...rest] };
}

/** Panel 3: the α–β stability heatmap on Omniglot (two-learning-rates paper, Fig. 4b). */
export function OmniglotStabilityPanel() {
  const params = useApp((s) => s.params);
  const scheme = useColorScheme();
  const request = useMemo(() => ogStabilitySpec.fromParams(params)!, [params]);
  const job = useJob(ogStabilitySpec, request);
  useExportedSection('omniglotStability', job);
  const j = request.job;
  const s = j.setting;
  const r = job.result;
  const grid = r?.grid ?? job.partial?.grid ?? null;
  const figure = useMemo(
    () =>
      grid
        ? narrowColorbar(
            heatmapFigure({
              ...grid,
              axes: { alpha: 'log', beta: 'log' },
              boundaries: { alphaCritical: null, betaCriticalAtAlphaZero: null, curves: [] },
              variantLabel: 'exact MAML',
              alphaLabel: 'inner rate α',
              scheme,
              divergedLabel: `diverged (evaluation loss non-finite or above ${j.divergeAbove})`,
              lossLabel: 'training loss',
              height: 460,
            }),
          )
        : null,
    [grid, scheme, j.divergeAbove],
  );
  const cells = j.alpha.length * j.beta.length;
  const reduced = reducedText(j);
  const f = r?.findings;
  const diverged = grid ? grid.diverged.flat().filter(Boolean).length : 0;
  const p = job.partial;
  return (
    <section
      className="nl-panel"
      aria-label="Omniglot: α–β stability heatmap"
      data-testid="og-stability"
    >
      <h2>Omniglot: α–β stability heatmap (two learning rates, Fig. 4b)</h2>
      <PresetButtons ids={['omniglot-fig4b-quick', 'omniglot-fig4b-paper']} />
      <JobButtons
        id="og-stability"
        job={job}
        detail={
          p
            ? `cell ${Math.min(cells, p.cells + 1)}/${cells}, iteration ${p.iteration}`
            : 'starting…'
        }
      />
      <p className="nl-explain">
        Each of the {j.alpha.length} × {j.beta.length} cells (α and β log-spaced, α from{' '}
        {j.alpha[0]} to {j.alpha[j.alpha.length - 1]}, β from {j.beta[0]} to{' '}
        {j.beta[j.beta.length - 1]}) meta-trains its own Conv4-{s.filters} by exact second-order
        MAML with {s.trainSteps} inner SGD steps at rate α and <strong>plain SGD at step β</strong>{' '}
        outside (the paper&apos;s meta-optimizer), for {s.iterations} iterations of {s.metaBatch}{' '}
        5-way 1-shot tasks with {s.queries} queries per class, seed {s.seed}; every cell starts from
        the same initialization and sees the same tasks. A cell&apos;s colour is its{' '}
        <strong>training loss</strong> — the query cross-entropy after the {s.trainSteps} inner
        steps — measured after training on a{' '}
        <strong>fixed set of {j.evalTasks} meta-training tasks</strong> (the same for every cell),
        not on the last noisy batch. A cell is <strong>diverged</strong> when that loss is
        non-finite or above {j.divergeAbove} nats (chance level: ln 5 = {fmt(chanceLoss(5), 3)}); a
        training stops at its first non-finite batch loss. The paper&apos;s dashed line (β above
        which α = 0 diverges) has no formula for a Conv4 — the closed forms of the theory (β_c =
        2/(λ(1 − αλ)²)) need the Hessian&apos;s eigenvalues — so it is drawn empirically: the
        largest stable β at the grid&apos;s smallest α.
      </p>
      <p className="nl-explain" data-testid="og-stability-reduced">
        {reduced.length
          ? `Reduced versus the paper (${PAPER_FIG4B.source}): ${reduced.join(', ')}. `
          : 'The paper’s setting. '}
        Also different: strided convolutions instead of max-pooling (Finn et al.&apos;s Omniglot
        Conv4), 203 training characters (not the full background set), and the grid&apos;s
        resolution (the paper does not state it).
      </p>
      {figure && (
        <Plot
          testId="plot-og-stability"
          data={figure.data}
          layout={figure.layout}
          summary={
            grid
              ? `Heatmap of the training loss over ${j.alpha.length} α × ${j.beta.length} β cells; ${diverged} diverged.`
              : ''
          }
        />
      )}
      {r && f && (
        <div className="nl-finding" data-testid="og-stability-finding">
          <p>
            <strong>Paper:</strong> {PAPER_FIG4B.claim}
          </p>
          <p>
            <strong>This run</strong> ({r.seconds.toFixed(0)} s, {diverged} of {cells} cells
            diverged): largest stable β at the smallest α (α = {j.alpha[0]}, standing for α = 0):{' '}
            {f.betaAtSmallestAlpha === null ? 'none' : fmt(f.betaAtSmallestAlpha, 3)}; near the edge
            of the stable α range: {f.betaNearEdge === null ? 'none' : fmt(f.betaNearEdge, 3)}
            {f.edge ? ` (largest stable α ${fmt(f.edge.alpha, 3)})` : ''}. Verdict:{' '}
            <strong>{VERDICT_TEXT[f.verdict]}</strong>
            {reduced.length ? ' — at a reduced setting.' : '.'} One β grid step is a factor{' '}
            {j.beta.length > 1 ? fmt(j.beta[1] / j.beta[0], 3) : '—'}.
          </p>
        </div>
      )}
    </section>
  );
}

const pp = (d: PairedDiff) => `${pm(d.mean, d.ci95)}`;
const signed = (d: PairedDiff) =>
  `${d.mean >= 0 ? '+' : '−'}${(100 * Math.abs(d.mean)).toFixed(1)} ± ${(100 * d.ci95).toFixed(1)}`;
const CLAIM_CLASS: Record<ClaimVerdict, string> = {
  agrees: 'nl-agree',
  disagrees: 'nl-disagree',
  inconclusive: 'nl-inconclusive',
};

function ProbeTable({ arms }: { arms: readonly OgProbeArm[] }) {
  return (
    <div className="nl-scroll">
      <p className="nl-explain">
        Nearest-prototype (cosine) accuracy of query embeddings, head stripped (%, mean ± 95 % CI
        over the test tasks); Δ = paired difference per task.
      </p>
      <table className="nl-table" data-testid="og-probe-table">
        <thead>
          <tr>
            <th>method</th>
            <th>(a) pre, task A</th>
            <th>(b) on-task A</th>
            <th>Δon</th>
            <th>(a) pre, task B</th>
            <th>(c) off-task B</th>
            <th>Δoff</th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => (
            <tr key={a.method}>
              <td>{a.method}</td>
              <td>{pp(a.pre)}</td>
              <td>{pp(a.onTask)}</td>
              <td>{signed(a.deltaOn)}</td>
              <td>{pp(a.preB)}</td>
              <td>{pp(a.offTask)}</td>
              <td>{signed(a.deltaOff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Panel 5: Starshak's feature-reuse probe on Omniglot, MAML vs Meta-SGD. */
export function OmniglotProbePanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => ogProbeSpec.fromParams(params)!, [params]);
  const job = useJob(ogProbeSpec, request);
  useExportedSection('omniglotProbe', job);
  const r = job.result;
  const p = job.partial;
  const s = request.job.setting;
  const steps = request.job.steps;
  const curves = r?.curves ?? (p && p.stage === 'train' ? { [p.label]: p.curve } : {});
  const palette = [COLORS.theory, COLORS.sim];
  const bars: Data[] = r
    ? r.arms.map((a, i) => ({
        x: ['(a) pre', '(b) on-task', '(c) off-task'],
        y: [a.pre.mean, a.onTask.mean, a.offTask.mean],
        error_y: {
          type: 'data',
          array: [a.pre.ci95, a.onTask.ci95, a.offTask.ci95],
          visible: true,
        },
        type: 'bar',
        name: a.method,
        marker: { color: palette[i] },
      }))
    : [];
  return (
    <section className="nl-panel" aria-label="Omniglot: feature-reuse probe" data-testid="og-probe">
      <h2>Omniglot: feature-reuse probe (Starshak), MAML vs Meta-SGD</h2>
      <PresetButtons ids={['omniglot-probe-quick', 'omniglot-probe-reference']} />
      <JobButtons id="og-probe" job={job} detail={progressText(p)} />
      <p className="nl-explain">
        A MAML and a Meta-SGD Conv4 are meta-trained at the Omniglot panels&apos; setting (the same
        seed, initialization and tasks as the panels above, so the Meta-SGD network is the
        learned-rates panel&apos;s). Then the <strong>head is stripped</strong>: each query image is
        given the class of the most cosine-similar support embedding (one image per class = the
        prototype) — (a) at the meta-initialization, (b) after adapting the whole network on the
        task&apos;s support ({steps} step{steps > 1 ? 's' : ''}; MAML at αr = {s.alphaR}, Meta-SGD
        with its learned rates) on the same task A, and (c) after adapting on A, on a different task
        B (the next test task that shares no character with A). Tasks: the first {s.evalTasks} of
        the 600 fixed 5-way 1-shot test tasks, the same for both methods, so every difference is
        paired by task (mean ± 95 % CI = 1.96 standard errors). Δon = (b) − (a on A), Δoff = (c) −
        (a on B). {settingText(s)}
      </p>
      {Object.keys(curves).length > 0 && (
        <TrainingCurves testId="plot-og-probe-train" curves={curves} />
      )}
      {r && (
        <>
          <Plot
            testId="plot-og-probe"
            data={bars}
            layout={{
              title: { text: 'Accuracy without the head' },
              barmode: 'group',
              yaxis: { title: { text: 'prototype accuracy (95 % CI)' }, range: [0, 1] },
              height: 320,
              margin: { t: 40, r: 20, b: 40, l: 60 },
            }}
            summary={r.arms
              .map((a) => `${a.method}: pre ${pp(a.pre)}, on ${pp(a.onTask)}, off ${pp(a.offTask)}`)
              .join('; ')}
          />
          <ProbeTable arms={r.arms} />
          <p className="nl-explain" data-testid="og-probe-claims-note">
            {STARSHAK_PROBE.source}: {STARSHAK_PROBE.text} Beside each claim, what these {r.tasks}{' '}
            task pairs show — decided by the 95 % CI of the paired difference (agrees: it excludes 0
            on the claimed side; disagrees: on the other; else inconclusive), not by the point
            estimate.
          </p>
          <div className="nl-scroll">
            <table className="nl-table" data-testid="og-probe-claims">
              <thead>
                <tr>
                  <th>paper&apos;s claim</th>
                  <th>data (percentage points, 95 % CI)</th>
                  <th>p</th>
                  <th>verdict</th>
                </tr>
              </thead>
              <tbody>
                {r.claims.map((c) => (
                  <tr key={c.claim}>
                    <td>{c.claim}</td>
                    <td>{signed(c.diff)}</td>
                    <td>{fmt(c.diff.p, 2)}</td>
                    <td className={CLAIM_CLASS[c.verdict]}>{c.verdict}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="nl-finding" data-testid="og-probe-finding">
            Meta-SGD minus MAML, paired by task: Δon {signed(r.metaSgdMinusMaml.deltaOn)}, Δoff{' '}
            {signed(r.metaSgdMinusMaml.deltaOff)}, Δoff − Δon{' '}
            {signed(r.metaSgdMinusMaml.offMinusOn)} percentage points.{' '}
            {r.claims.filter((c) => c.verdict === 'agrees').length} of {r.claims.length} claims
            agree, {r.claims.filter((c) => c.verdict === 'disagrees').length} disagree; a short
            training ({s.iterations} iterations) tests the pipeline more than the paper (60,000
            iterations on Mini-ImageNet).
          </p>
        </>
      )}
    </section>
  );
}
