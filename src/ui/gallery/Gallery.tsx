import { Suspense, useRef, useState } from 'react';
import { lazyPart } from '../lazyPart';
import { useApp } from '../../state/store';
import type { Preset } from '../../core/presets';
import { VIEWS, type ViewEntry } from '../views';
import { reductionNote } from './computedThumbnails';
import { thumbnailSource } from './thumbnailSource';

// Its stored data (a few KB) loads with the gallery, not with the page.
const ComputedThumbnail = lazyPart(
  'This thumbnail',
  async () => ({
    default: (await import('./ComputedThumbnail')).ComputedThumbnail,
  }),
  { inline: true },
);

/** The query that loads a preset: its own view, and the presentation flags the page has now. */
export function presetLink(
  preset: Preset,
  view: string,
  keep: { projector: boolean; embed: boolean; hide: string },
): string {
  const q = new URLSearchParams(preset.query);
  if (!q.has('view')) q.set('view', view);
  if (keep.projector) q.set('projector', '1');
  if (keep.embed) q.set('embed', '1');
  if (keep.hide) q.set('hide', keep.hide);
  return q.toString();
}

function Card({ entry, preset, onLoad }: { entry: ViewEntry; preset: Preset; onLoad(): void }) {
  const { Thumbnail } = entry;
  const source = thumbnailSource(entry.name, preset);
  const note = source?.kind === 'computed' ? reductionNote(source.spec) : null;
  return (
    <li>
      <button
        type="button"
        className="gallery-card"
        data-testid="gallery-card"
        data-thumbnail={source?.kind ?? 'none'}
        onClick={onLoad}
      >
        <Suspense fallback={null}>
          {source?.kind === 'computed' ? (
            <ComputedThumbnail spec={source.spec} />
          ) : source && Thumbnail ? (
            <Thumbnail query={preset.query} />
          ) : null}
        </Suspense>
        <span className="gallery-title">{preset.title}</span>
        <span className="gallery-notice">
          <strong>Notice:</strong> {preset.notice}
        </span>
        {note && <span className="gallery-thumb-note">{note}</span>}
      </button>
    </li>
  );
}

/**
 * Every figure the explorer reproduces, from every view's presets: thumbnail, title and what to
 * notice; one click loads it. A modal <dialog>: Esc closes it, focus returns to the opener.
 */
export function Gallery() {
  const ref = useRef<HTMLDialogElement>(null);
  const loadLink = useApp((s) => s.loadLink);
  const flags = useApp((s) => s.params);
  // Thumbnails compute real curves: render them only while the dialog is open.
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="gallery-open"
        onClick={() => {
          setOpen(true);
          ref.current?.showModal();
        }}
      >
        Gallery
      </button>
      <dialog
        ref={ref}
        className="gallery"
        aria-labelledby="gallery-heading"
        data-testid="gallery"
        onClose={() => setOpen(false)}
      >
        <div className="gallery-head">
          <h2 id="gallery-heading">Figures the explorer reproduces</h2>
          <button type="button" onClick={() => ref.current?.close()} aria-label="Close the gallery">
            Close
          </button>
        </div>
        {open &&
          VIEWS.map((entry) => (
            <section key={entry.name} aria-label={entry.title}>
              <h3>{entry.title}</h3>
              <ul className="gallery-grid">
                {entry.presets.map((p) => (
                  <Card
                    key={p.id}
                    entry={entry}
                    preset={p}
                    onLoad={() => {
                      loadLink(presetLink(p, entry.name, flags));
                      ref.current?.close();
                    }}
                  />
                ))}
              </ul>
            </section>
          ))}
      </dialog>
    </>
  );
}
