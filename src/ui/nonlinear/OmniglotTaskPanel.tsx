import { useEffect, useMemo, useRef } from 'react';
import { CITATION, LICENSE_LINE } from '../../core/omniglot/format';
import {
  omniglotTaskSpec,
  type OmniglotTaskResult,
  type ShownImage,
} from '../../core/omniglot/job';
import { PARAMS } from '../../core/params';
import { useApp } from '../../state/store';
import { useJob } from '../../state/useJob';
import { useExportedSection } from './sectionRegistry';

const DEGREES = ['0°', '90°', '180°', '270°'];
const describe = (im: ShownImage, role: string) =>
  `${role}, class ${im.label + 1}: ${im.alphabet} ${im.character}, drawer ${im.drawer}` +
  (im.rotation ? `, rotated ${DEGREES[im.rotation]}` : '');

/** One 28 × 28 character, drawn dark on paper (ink 1 → black) and scaled up without smoothing. */
function CharImage({ image, role }: { image: ShownImage; role: 'support' | 'query' }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(28, 28);
    image.pixels.forEach((ink, p) => {
      data.data.fill(255 - ink, 4 * p, 4 * p + 3);
      data.data[4 * p + 3] = 255;
    });
    ctx.putImageData(data, 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      className={`og-char og-${role}`}
      data-testid={`og-${role}`}
      role="img"
      aria-label={describe(image, role)}
      title={describe(image, role)}
    />
  );
}

function TaskGrid({ r }: { r: OmniglotTaskResult }) {
  return (
    <table className="og-task" data-testid="og-task-grid">
      <thead>
        <tr>
          <th scope="col">class</th>
          <th scope="col">support ({r.shot} shot)</th>
          <th scope="col">queries ({r.queries} per class)</th>
        </tr>
      </thead>
      <tbody>
        {r.classes.map((c, label) => (
          <tr key={label}>
            <th scope="row">
              {label + 1}
              <span className="og-class-name">
                {c.alphabet.replace(/_/g, ' ')} {c.character.replace('character', '#')}
                {c.rotation ? ` ${DEGREES[c.rotation]}` : ''}
              </span>
            </th>
            <td>
              <div className="og-images">
                {r.support
                  .filter((s) => s.label === label)
                  .map((s, i) => (
                    <CharImage key={i} image={s} role="support" />
                  ))}
              </div>
            </td>
            <td>
              {/* Wraps on a phone instead of scrolling sideways. */}
              <div className="og-images">
                {r.query
                  .filter((q) => q.label === label)
                  .map((q, i) => (
                    <CharImage key={i} image={q} role="query" />
                  ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Issue "Omniglot": what a 5-way 1-shot task of real handwritten characters looks like. */
export function OmniglotTaskPanel() {
  const params = useApp((s) => s.params);
  const setParam = useApp((s) => s.setParam);
  const request = useMemo(() => omniglotTaskSpec.fromParams(params), [params]);
  const job = useJob(omniglotTaskSpec, request);
  useExportedSection('omniglotTask', job);
  const r = job.result;
  const nextSeed = params.ogSeed >= PARAMS.ogSeed.max ? 0 : params.ogSeed + 1;
  const status =
    job.status === 'failed'
      ? `Could not load the Omniglot data: ${job.error}`
      : job.status === 'running'
        ? job.partial?.stage === 'loading data'
          ? 'Loading the Omniglot data (4.4 MB, once)…'
          : 'Drawing a task…'
        : '';
  return (
    <section className="nl-panel" aria-label="Omniglot sample task" data-testid="omniglot-task">
      <h2>Omniglot: what a 5-way 1-shot task is</h2>
      <div className="job-buttons" data-testid="og-status" data-status={job.status}>
        <button type="button" onClick={() => setParam('ogSeed', nextSeed)} data-testid="og-new">
          New task
        </button>
        <span className="job-progress" aria-live="polite">
          {status || (r ? `task seed ${r.seed}` : '')}
        </span>
      </div>
      <p className="nl-explain">
        A <strong>5-way 1-shot</strong> task: 5 classes (characters), 1 labelled example of each —
        the support set, left — and new drawings of the same 5 characters to label — the queries,
        right. A meta-learner adapts on the 5 support images alone, then is scored on the queries.
        Chance is 1 in 5.{' '}
        {r &&
          (r.split === 'test'
            ? `This task comes from the ${r.splitCharacters} meta-test characters, never seen in meta-training.`
            : `This task comes from the ${r.splitClasses} meta-train classes: ${r.splitCharacters} characters, each turned 0°, 90°, 180° and 270° as four separate classes.`)}
      </p>
      {r && <TaskGrid r={r} />}
      <p className="nl-explain">
        <strong>Protocol.</strong> Meta-test: the 39 characters of the Tagalog (17) and Early
        Aramaic (22) alphabets, unrotated. Meta-train: the other six alphabets (203 characters),
        each character at 0°, 90°, 180° and 270° as separate classes (812). Training tasks are N-way
        1-shot with 5 queries per class; evaluation is a fixed set of 600 5-way 1-shot tasks of
        meta-test characters with 15 queries per class, and 20-way 1-shot on the 20 official runs of
        Lake et al. Images: 1 − pixel/255 of the 105 × 105 scans, averaged down to 28 × 28. This is
        the small Omniglot release (8 of the 30 background alphabets), not the full set that papers
        report on.
      </p>
      <p className="og-cite" data-testid="og-cite">
        Data: {CITATION}. {LICENSE_LINE}.
      </p>
    </section>
  );
}
