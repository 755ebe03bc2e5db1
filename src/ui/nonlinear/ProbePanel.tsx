import { useMemo } from 'react';
import { probeSpec } from '../../core/probe/job';
import type { Data } from '../plot/plotly';
import { Plot } from '../plot/Plot';
import { COLORS, fmt } from '../theme';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import { JobButtons } from '../jobs/JobButtons';
import { useExportedSection } from './sectionRegistry';

/** Feature-reuse probe: prototype accuracy of the penultimate layer before/after adaptation. */
export function ProbePanel() {
  const params = useApp((s) => s.params);
  const request = useMemo(() => probeSpec.fromParams(params)!, [params]);
  const spec = request.job;
  const job = useJob(probeSpec, request);
  useExportedSection('probe', job);
  const p = job.partial;
  const progress = p
    ? `${p.stage} ${p.done}/${p.total}${p.loss !== undefined ? `, loss ${fmt(p.loss, 3)}` : ''}`
    : 'starting…';
  const r = job.result;
  const stages = ['pre-adaptation', 'on-task', 'off-task'];
  const data: Data[] = r
    ? r.arms.map((a, i) => ({
        x: stages,
        y: [a.pre.mean, a.onTask.mean, a.offTask.mean],
        error_y: {
          type: 'data',
          array: [a.pre.stderr, a.onTask.stderr, a.offTask.stderr],
          visible: true,
        },
        type: 'bar',
        name: a.method,
        marker: { color: i === 0 ? COLORS.theory : COLORS.sim },
      }))
    : [];
  return (
    <section className="nl-panel" aria-label="Feature-reuse probe" data-testid="probe">
      <h2>Feature-reuse probe (toy): 5-way 1-shot Gaussian-cluster tasks</h2>
      <JobButtons id="probe" job={job} detail={progress} />
      <p className="nl-explain">
        <strong>A toy version</strong>, kept because it runs in seconds and its features are
        controlled (signal vs nuisance dimensions); the probe as Starshak ran it, on real images
        with a Conv4, is the Omniglot feature-reuse panel at the bottom of this view. Classes are
        random Gaussian clusters in {spec.family.signalDim} signal dimensions, plus{' '}
        {spec.family.nuisanceDim} nuisance dimensions shared by all classes. A MAML and a Meta-SGD
        network ({spec.hidden}-{spec.hidden} ReLU; squared error on one-hot labels) are meta-trained
        on {spec.family.trainClasses} classes; held-out classes are embedded by the network minus
        its last layer and classified by the nearest prototype (cosine). On-task: adapted on the
        task it is scored on. Off-task: adapted on another task. {spec.evalTasks} task pairs.
      </p>
      {r && (
        <>
          <Plot
            testId="plot-probe"
            data={data}
            layout={{
              title: { text: 'Prototype accuracy of the penultimate layer (chance 0.2)' },
              barmode: 'group',
              yaxis: { title: { text: 'accuracy' } },
              height: 340,
              margin: { t: 40, r: 20, b: 40, l: 60 },
            }}
            summary={r.arms
              .map(
                (a) =>
                  `${a.method}: pre ${fmt(a.pre.mean, 3)}, on ${fmt(a.onTask.mean, 3)}, off ${fmt(a.offTask.mean, 3)}`,
              )
              .join('; ')}
          />
          <table className="nl-table" data-testid="probe-table">
            <thead>
              <tr>
                <th>method</th>
                <th>Δ on-task (p)</th>
                <th>Δ off-task (p)</th>
              </tr>
            </thead>
            <tbody>
              {r.arms.map((a) => (
                <tr key={a.method}>
                  <td>{a.method}</td>
                  <td>
                    {fmt(a.deltaOn.mean, 3)} (p = {fmt(a.deltaOn.p, 2)})
                  </td>
                  <td>
                    {fmt(a.deltaOff.mean, 3)} (p = {fmt(a.deltaOff.p, 2)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="nl-finding" data-testid="probe-finding">
            (Δoff − Δon), Meta-SGD minus MAML: {fmt(r.offMinusOnMetaSgdVsMaml.mean, 3)} ±{' '}
            {fmt(r.offMinusOnMetaSgdVsMaml.stderr, 2)}, Welch t-test p ={' '}
            {fmt(r.offMinusOnMetaSgdVsMaml.p, 2)}. Starshak (Mini-ImageNet) reported Meta-SGD
            improving off-task and MAML degrading it, p = 0.00044.
          </p>
        </>
      )}
    </section>
  );
}
