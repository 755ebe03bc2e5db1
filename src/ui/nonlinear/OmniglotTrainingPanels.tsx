import { useMemo } from 'react';
import {
  FINN_FIVE_WAY_ONE_SHOT,
  ogInnerLoopSpec,
  ogMetaSgdSpec,
  ogRatesSpec,
  RAGHU_FULL_OMNIGLOT,
  STARSHAK_TABLE1,
  type OgArmResult,
} from '../../core/omniglot/training';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';
import { ScoreTable } from './OmniglotScoreTable';
import {
  PresetButtons,
  progressText,
  settingText,
  TrainingCurves,
  pct,
} from './OmniglotPanelParts';

/** Panel 1: MAML vs ANIL vs NIL vs αt = 0 on Omniglot (Raghu et al. 2020's question). */
export function OmniglotInnerLoopPanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => ogInnerLoopSpec.fromParams(params)!, [params]);
  const job = useJob(ogInnerLoopSpec, request);
  useExportedSection('omniglotInnerLoop', job);
  const r = job.result;
  const p = job.partial;
  const s = request.job.setting;
  const curves = r?.curves ?? (p ? { [p.label]: p.curve } : {});
  const arms = r?.arms ?? p?.finished ?? [];
  const last = (a: OgArmResult) => a.fiveWay[a.fiveWay.length - 1]!;
  const bars: Data[] = arms.length
    ? [
        ...(arms[0].fiveWay.map((f, i) => ({
          x: arms.map((a) => a.arm),
          y: arms.map((a) => a.fiveWay[i].acc.mean),
          error_y: { type: 'data', array: arms.map((a) => a.fiveWay[i].acc.ci95), visible: true },
          type: 'bar',
          name: `5-way, ${f.steps} step${f.steps > 1 ? 's' : ''}`,
          marker: { color: i === 0 ? COLORS.sky : COLORS.theory },
        })) as Data[]),
        {
          x: arms.map((a) => a.arm),
          y: arms.map((a) => a.twentyWay.mean),
          error_y: { type: 'data', array: arms.map((a) => a.twentyWay.ci95), visible: true },
          type: 'bar',
          name: '20-way (official runs)',
          marker: { color: COLORS.sim },
        },
      ]
    : [];
  return (
    <section
      className="nl-panel"
      aria-label="Omniglot: is the inner loop necessary?"
      data-testid="og-inner-loop"
    >
      <h2>Omniglot: is the inner loop necessary? (MAML, ANIL, NIL, αt = 0)</h2>
      <PresetButtons ids={['omniglot-quick', 'omniglot-20min', 'omniglot-reference']} />
      <JobButtons id="og-inner-loop" job={job} detail={progressText(p)} />
      <p className="nl-explain">
        A Conv4 network (Finn et al. 2017) is meta-trained on the 812 meta-train classes (203
        characters × 4 rotations) by <strong>MAML</strong> (inner loop on every layer, αt),{' '}
        <strong>ANIL</strong> (inner loop on the head only) and MAML with <strong>αt = 0</strong>{' '}
        (no inner loop while meta-training; adapted with αr at test). <strong>NIL</strong> uses the
        MAML network without its head and no adaptation at all: each query is given the class of the
        support image whose features are the most cosine-similar. {settingText(s)} A 5-way network
        is scored 20-way with a zero 20-way head adapted by the same steps (NIL needs no head).{' '}
        {request.job.arms === 'maml' ? 'This link trains MAML only (NIL comes free).' : ''}
      </p>
      {Object.keys(curves).length > 0 && <TrainingCurves testId="plot-og-train" curves={curves} />}
      {arms.length > 0 && (
        <>
          <Plot
            testId="plot-og-inner-loop"
            data={bars}
            layout={{
              title: { text: 'Test accuracy on the meta-test characters (95 % CI)' },
              barmode: 'group',
              xaxis: { automargin: true }, // a phone turns the arm names vertical
              yaxis: { title: { text: 'accuracy' }, range: [0, 1] },
              height: 340,
              margin: { t: 40, r: 20, b: 40, l: 60 },
            }}
            summary={arms.map((a) => `${a.arm}: ${pct(last(a).acc.mean)}`).join('; ')}
          />
          <ScoreTable arms={arms} testId="og-inner-loop-table" />
        </>
      )}
      <table className="nl-table" data-testid="og-raghu-table">
        <caption>
          For comparison — {RAGHU_FULL_OMNIGLOT.source} (FULL Omniglot: 1,200 meta-train characters,
          not this page&apos;s 203; 20-way, %). MAML 5-way 1-shot on full Omniglot (Finn et al.
          2017): {FINN_FIVE_WAY_ONE_SHOT} %.
        </caption>
        <thead>
          <tr>
            <th>method</th>
            <th>20-way 1-shot</th>
            <th>20-way 5-shot</th>
          </tr>
        </thead>
        <tbody>
          {RAGHU_FULL_OMNIGLOT.rows.map((row) => (
            <tr key={row.arm}>
              <td>{row.arm}</td>
              <td>{row.oneShot20}</td>
              <td>{row.fiveShot20}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Panel 2: test accuracy vs the training rate αt (negative included) at a fixed αr. */
export function OmniglotRatesPanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => ogRatesSpec.fromParams(params)!, [params]);
  const job = useJob(ogRatesSpec, request);
  useExportedSection('omniglotRates', job);
  const r = job.result;
  const p = job.partial;
  const s = request.job.setting;
  const points = r?.points ?? p?.finished ?? [];
  const alphas = points.map((q) => q.alphaT);
  const lines: Data[] = points.length
    ? (points[0].fiveWay.map((f, i) => ({
        x: alphas,
        y: points.map((q) => q.fiveWay[i].acc.mean),
        error_y: { type: 'data', array: points.map((q) => q.fiveWay[i].acc.ci95), visible: true },
        type: 'scatter',
        mode: 'lines+markers',
        name: `5-way, ${f.steps} step${f.steps > 1 ? 's' : ''} at αr = ${s.alphaR}`,
        line: { color: i === 0 ? COLORS.sky : COLORS.theory },
      })) as Data[])
    : [];
  const best = points.length
    ? points.reduce((b, q) =>
        q.fiveWay[q.fiveWay.length - 1].acc.mean > b.fiveWay[b.fiveWay.length - 1].acc.mean ? q : b,
      )
    : null;
  return (
    <section
      className="nl-panel"
      aria-label="Omniglot: negative training rates"
      data-testid="og-rates"
    >
      <h2>Omniglot: negative training rates on real images</h2>
      <PresetButtons ids={['omniglot-rates-quick', 'omniglot-reference-rates']} />
      <JobButtons id="og-rates" job={job} detail={progressText(p)} />
      <p className="nl-explain">
        Bernacchia (2021) proves, for linear models, that the best training rate αt is negative
        while the adaptation rate αr is positive. Here each αt in{' '}
        {alphas.length ? '' : 'the sweep '}[{params.ogAlphas[0]}, {params.ogAlphas[1]}] (
        {params.ogCount} values) meta-trains its own Conv4 on Omniglot (same initialization and
        tasks), and every network is adapted with the same αr = {s.alphaR}. {settingText(s)}
      </p>
      {p && !r && <TrainingCurves testId="plot-og-rates-train" curves={{ [p.label]: p.curve }} />}
      {points.length > 0 && (
        <>
          <Plot
            testId="plot-og-rates"
            data={lines}
            layout={{
              title: { text: 'Test accuracy vs the training rate αt (95 % CI)' },
              xaxis: { title: { text: 'αt (training inner rate)' }, zeroline: true },
              yaxis: { title: { text: 'accuracy' } },
              shapes: [
                {
                  type: 'line',
                  x0: 0,
                  x1: 0,
                  yref: 'paper',
                  y0: 0,
                  y1: 1,
                  line: { dash: 'dot', color: COLORS.neutral },
                },
              ],
              height: 320,
              margin: { t: 40, r: 20, b: 50, l: 60 },
            }}
            summary={points
              .map((q) => `αt ${q.alphaT}: ${pct(q.fiveWay[q.fiveWay.length - 1].acc.mean)}`)
              .join('; ')}
          />
          <ScoreTable arms={points} testId="og-rates-table" />
          {r && best && (
            <p className="nl-finding" data-testid="og-rates-finding">
              Best αt here: {best.alphaT} ({pct(best.fiveWay[best.fiveWay.length - 1].acc.mean)}{' '}
              after {best.fiveWay[best.fiveWay.length - 1].steps} steps).{' '}
              {best.alphaT < 0
                ? 'A negative training rate wins, as the linear theory predicts.'
                : 'A negative training rate does not win at this setting; the linear theory’s prediction is not borne out here (check the CIs and the training length).'}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Panel 4: Meta-SGD's learned per-parameter rates on Conv4 (Starshak's Table 1, on Omniglot). */
export function OmniglotMetaSgdPanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => ogMetaSgdSpec.fromParams(params)!, [params]);
  const job = useJob(ogMetaSgdSpec, request);
  useExportedSection('omniglotMetaSgd', job);
  const r = job.result;
  const p = job.partial;
  const s = request.job.setting;
  const curves = r?.curves ?? (p ? { [p.label]: p.curve } : {});
  return (
    <section
      className="nl-panel"
      aria-label="Omniglot: Meta-SGD's learned rates"
      data-testid="og-metasgd"
    >
      <h2>Omniglot: Meta-SGD&apos;s learned per-parameter rates (Conv4)</h2>
      <PresetButtons ids={['omniglot-metasgd-quick', 'omniglot-metasgd-reference']} />
      <JobButtons id="og-metasgd" job={job} detail={progressText(p)} />
      <p className="nl-explain">
        Meta-SGD (Li et al. 2017) learns one inner rate per parameter together with the
        initialization; here every rate starts at αt = {s.alphaT} and the outer loop (Adam) is free
        to make it negative. Starshak found the learned rates negative on average in every
        convolutional layer and positive only in the head (Mini-ImageNet). The network is scored by
        adapting with its learned rates. {settingText(s)}
      </p>
      {Object.keys(curves).length > 0 && (
        <TrainingCurves testId="plot-og-metasgd-train" curves={curves} />
      )}
      {r && (
        <>
          <div className="nl-histograms">
            {r.rateStats.map((st) => {
              const x = st.edges.slice(0, -1).map((e, k) => (e + st.edges[k + 1]) / 2);
              return (
                <Plot
                  key={st.name}
                  testId={`plot-og-rates-${st.name}`}
                  data={[
                    {
                      x,
                      y: st.counts,
                      type: 'bar',
                      name: st.name,
                      marker: { color: x.map((v) => (v < 0 ? COLORS.theory : COLORS.sim)) },
                    },
                  ]}
                  layout={{
                    title: { text: `${st.name}: learned rates (negative blue, positive orange)` },
                    xaxis: { title: { text: 'rate' } },
                    yaxis: { title: { text: 'parameters' } },
                    height: 220,
                    margin: { t: 40, r: 10, b: 40, l: 50 },
                    showlegend: false,
                  }}
                  summary={`${st.name}: mean ${fmt(st.mean, 3)}, ${pct(st.negativeFraction)} negative`}
                />
              );
            })}
          </div>
          <table className="nl-table" data-testid="og-metasgd-table">
            <thead>
              <tr>
                <th>layer</th>
                <th>mean</th>
                <th>std</th>
                <th>negative</th>
                <th>{STARSHAK_TABLE1.source}: mean (std)</th>
              </tr>
            </thead>
            <tbody>
              {r.rateStats.map((st, i) => (
                <tr key={st.name}>
                  <td>{st.name}</td>
                  <td>{fmt(st.mean, 3)}</td>
                  <td>{fmt(st.std, 3)}</td>
                  <td>{pct(st.negativeFraction)}</td>
                  <td>
                    {STARSHAK_TABLE1.rows[i]?.mean} ({STARSHAK_TABLE1.rows[i]?.std})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ScoreTable arms={[r.arm]} testId="og-metasgd-score" />
        </>
      )}
    </section>
  );
}
