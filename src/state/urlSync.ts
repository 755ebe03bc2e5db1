import { encodeLink } from '../core/params';
import type { AppStore } from './store';

/** Browsers rate-limit history writes (Safari ~100 per 30 s), so slider drags write at most this often. */
const WRITE_INTERVAL_MS = 150;

/** Keeps the address bar equal to the share link of the current parameters; back/forward reload it. */
export function startUrlSync(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const query = '?' + encodeLink(store.getState().params);
    if (query !== location.search) history.replaceState(null, '', query + location.hash);
  };
  const unsubscribe = store.subscribe(
    (s) => s.params,
    () => {
      timer ??= setTimeout(write, WRITE_INTERVAL_MS);
    },
  );
  const onPop = () => store.getState().loadLink(location.search);
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
