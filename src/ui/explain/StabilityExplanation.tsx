import { Tex } from '../math/Tex';
import { texNum } from '../math/texNumber';
import { fmt } from '../theme';
import { ExplainBox } from './ExplainBox';

/**
 * Plain-language guide to the α–β stability view (theory.md §2), with the boundary of the current
 * setting in numbers when its Hessian eigenvalues are known (linear and mixed tasks).
 */
export function StabilityExplanation({
  network,
  lambdas,
  order,
  alphaCritical,
  betaCriticalAtZero,
}: {
  /** The sinusoid MLP grid: no closed-form boundary. */
  network: boolean;
  lambdas: readonly number[] | null;
  order: 'first-order' | 'second-order';
  alphaCritical: number | null;
  betaCriticalAtZero: number | null;
}) {
  const lmax = lambdas?.length ? Math.max(...lambdas) : null;
  const symbolic =
    order === 'first-order'
      ? '\\beta_c(\\alpha) = \\min_i \\frac{2}{\\lambda_i - \\alpha\\lambda_i^2},\\qquad \\alpha_c = \\frac{1}{\\lambda_{\\max}}'
      : '\\beta_c(\\alpha) = \\min_i \\frac{2}{\\lambda_i(1 - \\alpha\\lambda_i)^2}';
  return (
    <ExplainBox>
      <p>
        MAML has two learning rates: the <strong>inner rate α</strong> of the one adaptation step
        per task, and the <strong>outer rate β</strong> with which the starting point is trained.
        Each cell of the heatmap is a whole training run at one (α, β): horizontal axis α, vertical
        axis β, colour the final loss; diverged runs are marked. Too large a β makes training blow
        up, and how large is too large depends on α.
      </p>
      <p>
        For a quadratic loss with Hessian eigenvalues λ, first-order MAML multiplies the error by I
        − βH(I − αH) each step, so it converges only below the curve β<sub>c</sub>(α) drawn over the
        heatmap. A positive α lets β grow (up to α<sub>c</sub> = 1/λ<sub>max</sub>, beyond which the
        fixed point is no longer a minimum); a <strong>negative α</strong> — the rate the theory
        view recommends for training — needs a smaller β: β<sub>c</sub> = 2/(λ + |α|λ²). At{' '}
        <strong>α = 0 there is no inner loop</strong> and this is plain gradient descent, stable for
        β &lt; 2/λ<sub>max</sub>. Exact (second-order) MAML has no barrier at α<sub>c</sub>; the two
        agree only for small α.
      </p>
      {network && (
        <p data-testid="network-stability">
          A network&apos;s Hessian changes as it trains, so there is no boundary to draw: the grid
          itself is the experiment. The paper&apos;s Fig. 4a reports that an α close to the
          divergence limit allows a larger β. “Paper vs this run” above reads the finished grid for
          that claim; the Fig. 4a preset is the paper&apos;s own setting (100 tasks per meta-batch,
          500 SGD steps), and the README gives its result over three seeds. Click cells to see their
          training curves.
        </p>
      )}
      {lmax !== null && (
        <div className="equations" data-testid="equations">
          <div className="equation">
            <h3>Stability boundary ({order === 'first-order' ? 'first-order' : 'exact'} MAML)</h3>
            <Tex tex={symbolic} display />
            <Tex
              display
              testId="equation-numbers"
              tex={
                `\\lambda_{\\max} = ${texNum(lmax)},\\qquad ` +
                (alphaCritical !== null ? `\\alpha_c = ${texNum(alphaCritical)},\\qquad ` : '') +
                `\\beta_c(0) = \\frac{2}{${texNum(lmax)}} = ${texNum(betaCriticalAtZero ?? 2 / lmax)}`
              }
            />
            <p className="muted">
              {lambdas!.length} eigenvalue{lambdas!.length > 1 ? 's' : ''} from{' '}
              {fmt(Math.min(...lambdas!))} to {fmt(lmax)}.
            </p>
          </div>
        </div>
      )}
    </ExplainBox>
  );
}
