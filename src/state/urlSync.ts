import { encodeLink, PARAMS, PARAM_KEYS, type Params } from '../core/params';
import type { AppStore } from './store';

/** Browsers rate-limit history writes (Safari ~100 per 30 s), so slider drags write at most this often. */
const WRITE_INTERVAL_MS = 150;

/**
 * A discrete change (a view, preset, setting or other choice, a pin) is a step the user can go
 * Back from; a number (a slider tick, a typed value) edits the current entry. Presets and links
 * change several keys at once, which also makes a step.
 */
export function isDiscreteChange(prev: Params, next: Params): boolean {
  // String(): pairs are arrays, and a loaded link makes new ones with the same numbers.
  const changed = PARAM_KEYS.filter((k) => String(prev[k]) !== String(next[k]));
  if (changed.length > 1) return true;
  const kind = changed[0] && PARAMS[changed[0]].kind;
  return kind !== undefined && kind !== 'number' && kind !== 'pair';
}

/**
 * Keeps the address bar equal to the share link of the current parameters: discrete changes push
 * a history entry, numeric edits replace the current one (throttled); Back/Forward load the entry.
 */
export function startUrlSync(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restoring = false;
  const queryOf = (params: Params) => '?' + encodeLink(params);
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const query = queryOf(store.getState().params);
    if (query !== location.search) history.replaceState(null, '', query + location.hash);
  };
  const unsubscribe = store.subscribe(
    (s) => s.params,
    (next, prev) => {
      if (restoring || !isDiscreteChange(prev, next)) {
        timer ??= setTimeout(write, WRITE_INTERVAL_MS);
        return;
      }
      // The entry we leave keeps the state just before this step (a pending slider edit included).
      if (timer) clearTimeout(timer);
      timer = undefined;
      const left = queryOf(prev);
      if (left !== location.search) history.replaceState(null, '', left + location.hash);
      const query = queryOf(next);
      if (query !== location.search) history.pushState(null, '', query + location.hash);
    },
  );
  const onPop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    restoring = true; // loading an entry must not push a new one
    try {
      store.getState().loadLink(location.search);
    } finally {
      restoring = false;
    }
  };
  addEventListener('popstate', onPop);
  write(); // normalize the address bar right away (bad values replaced, defaults dropped)
  return () => {
    unsubscribe();
    removeEventListener('popstate', onPop);
    if (timer) clearTimeout(timer);
  };
}

/** The share link of the current state, for the "copy link" button. */
export function currentShareLink(store: AppStore): string {
  return `${location.origin}${location.pathname}?${encodeLink(store.getState().params)}`;
}

/** The same view without the embed/projector/hide flags (the "open the full explorer" link). */
export function fullExplorerLink(store: AppStore): string {
  const params = { ...store.getState().params, embed: false, projector: false, hide: '' };
  return `${location.pathname}?${encodeLink(params)}`;
}
