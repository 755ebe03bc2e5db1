import { useMemo } from 'react';
import type { TheoryReport } from '../../core/theoryReport';
import { ExplainBox } from '../explain/ExplainBox';
import { Tex } from '../math/Tex';
import { fmt } from '../theme';
import { theoryEquations } from './equations';

/** Plain-language guide to the theory view, and the active equations with live numbers. */
export function TheoryExplanation({ report }: { report: TheoryReport }) {
  const blocks = useMemo(() => theoryEquations(report), [report]);
  const { optimum } = report;
  return (
    <ExplainBox>
      <p>
        MAML learns a starting point ω for new tasks. Each task first takes one gradient step of
        size α (the <em>inner learning rate</em>) on a few of its own points, and ω is chosen so
        that this one step works well on average. There are two such rates: <strong>αt</strong>,
        used while meta-training ω, and <strong>αr</strong>, used when adapting to a new task at
        test time. The left plot is the average test loss (lower is better) as αt varies with αr
        fixed; the right plot varies αr with αt fixed. The horizontal axes go below zero on purpose.
      </p>
      <p>
        <strong>A negative inner rate</strong> means the inner step goes <em>uphill</em>: during
        meta-training each task's loss is made worse before ω is scored. The step multiplies the
        error of ω (by the factor h<sub>t</sub> below, which grows as αt goes negative), so the
        outer loop sees the systematic part of the error more strongly than the label noise and the
        learned ω overfits the noise less. Here the best training rate is αt ={' '}
        <strong data-testid="explain-opt-alphaT">{fmt(optimum.alphaT)}</strong>, while the best
        adaptation rate is αr ={' '}
        <strong data-testid="explain-opt-alphaR">{fmt(optimum.alphaR)}</strong>: at test time you do
        want to step downhill, towards the new task.
      </p>
      <p>
        <strong>αt = 0 means “no inner loop”</strong> (the dotted line): meta-training then just
        fits one model to all tasks pooled. Raghu et al. (2020) found that almost no inner loop
        (ANIL) or none at all (NIL) works about as well as full MAML, and asked whether the inner
        loop is needed at all. The theory answers: αt = 0 is not the best choice either — the loss
        is still falling as αt goes negative, so a negative αt beats no inner loop.
      </p>
      {blocks.length > 0 && (
        <div className="equations" data-testid="equations" aria-live="off">
          {blocks.map((b) => (
            <div className="equation" key={b.title}>
              <h3>{b.title}</h3>
              <Tex tex={b.symbolic} display />
              <Tex tex={b.substituted} display testId="equation-numbers" />
              {b.note && <p className="muted">{b.note}</p>}
            </div>
          ))}
        </div>
      )}
    </ExplainBox>
  );
}
