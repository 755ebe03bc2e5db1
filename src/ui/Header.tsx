import { useMemo, useState } from 'react';
import { appStore, useApp } from '../state/store';
import { currentShareLink, fullExplorerLink } from '../state/urlSync';
import { VIEWS } from './views';
import { Gallery, presetLink } from './gallery/Gallery';
import { presetState } from './presetMatch';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission (e.g. http, headless): the link is shown instead
  }
}

/** Title, view tabs, presets of the current view, and "copy link". */
export function Header() {
  const view = useApp((s) => s.params.view);
  const setParam = useApp((s) => s.setParam);
  const loadLink = useApp((s) => s.loadLink);
  const [copied, setCopied] = useState<string | null>(null);
  const embed = useApp((s) => s.params.embed);
  const entry = VIEWS.find((v) => v.name === view) ?? VIEWS[0]!;
  const params = useApp((s) => s.params);
  // The menu shows the loaded preset while nothing differs from it, then "custom".
  const preset = useMemo(
    () => presetState(entry.presets, entry.name, params),
    [entry.presets, entry.name, params],
  );
  if (embed)
    return (
      <header className="app-header">
        <h1>Learning rates in meta-learning</h1>
        <a href={fullExplorerLink(appStore)} target="_blank" rel="noopener" data-testid="open-full">
          Open the full explorer ↗
        </a>
      </header>
    );
  return (
    <header className="app-header">
      <h1>Learning rates in meta-learning</h1>
      {VIEWS.length > 1 && (
        <nav aria-label="Views" className="tabs">
          {VIEWS.map((v) => (
            <button
              key={v.name}
              type="button"
              aria-pressed={v.name === entry.name}
              onClick={() => setParam('view', v.name)}
            >
              {v.title}
            </button>
          ))}
        </nav>
      )}
      <label className="preset-picker">
        Preset{' '}
        <select
          value={preset === 'custom' ? '' : preset}
          data-testid="preset-select"
          onChange={(e) => {
            const p = entry.presets.find((x) => x.id === e.target.value);
            if (p) loadLink(presetLink(p, entry.name, appStore.getState().params));
          }}
        >
          <option value="">{preset === 'custom' ? 'custom' : 'choose a figure…'}</option>
          {entry.presets.map((p) => (
            <option key={p.id} value={p.id} title={p.notice}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <Gallery />
      <button
        type="button"
        data-testid="copy-link"
        onClick={async () => {
          const link = currentShareLink(appStore);
          setCopied((await copyText(link)) ? 'Link copied' : link);
        }}
      >
        Copy link
      </button>
      {copied && (
        <output className="copied" aria-live="polite">
          {copied}
        </output>
      )}
    </header>
  );
}
