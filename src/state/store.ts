import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { useStore } from 'zustand';
import { normalizeValue, parseLink, type Notice, type ParamKey, type Params } from '../core/params';
import { settingGrid } from '../core/stability/settingGrid';

/** The page state: the parameters (what a link encodes) and the notices about the loaded link. */
export interface AppState {
  params: Params;
  notices: Notice[];
  /** Sets one parameter; switching the stability setting also brings that setting's grid. */
  setParam<K extends ParamKey>(key: K, value: Params[K]): void;
  /** Replaces all parameters from a share link (query string); its notices replace the old ones. */
  loadLink(query: string): void;
  dismissNotices(): void;
}

export function createAppStore(initialQuery = '') {
  const initial = parseLink(initialQuery);
  return createStore<AppState>()(
    subscribeWithSelector((set) => ({
      params: initial.params,
      notices: initial.notices,
      setParam: (key, value) =>
        set((s) => {
          const next = { ...s.params, [key]: normalizeValue(key, value) };
          if (key === 'stTask' && next.stTask !== s.params.stTask)
            Object.assign(next, settingGrid(next.stTask));
          return { params: next };
        }),
      loadLink: (query) => {
        const { params, notices } = parseLink(query);
        set({ params, notices });
      },
      dismissNotices: () => set({ notices: [] }),
    })),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore = createAppStore(typeof location === 'undefined' ? '' : location.search);

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
