import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Params } from '../core/params';
import { simJobKey, type SimJob, type SimPartial } from '../core/sim/types';
import { simJobOf } from '../core/sim/job';
import type { SimClient } from '../worker/simClient';
import type { AppStore } from './store';

/**
 * Runs the simulation that belongs to the current parameters, in the compute worker. Any change of
 * a parameter that affects the numbers cancels the running job at once; a new one starts after a
 * short pause in the input (a slider drag would otherwise start a job per pixel). A partial result
 * is kept only if it carries the job key of the current parameters, so nothing stale is drawn.
 */
const RESTART_DELAY_MS = 120;
const DRAW_INTERVAL_MS = 250;

export interface SimState {
  status: 'idle' | 'running' | 'paused' | 'done' | 'error';
  /** Key of the job for the current parameters (null when not simulating). */
  jobKey: string | null;
  /** Latest partial result of exactly that job. */
  partial: SimPartial | null;
  error: string | null;
}

export const simStore = createStore<SimState>()(() => ({
  status: 'idle',
  jobKey: null,
  partial: null,
  error: null,
}));

export function useSim<T>(selector: (s: SimState) => T): T {
  return useStore(simStore, selector);
}

let client: SimClient | null = null;

export function pauseSimulation() {
  if (simStore.getState().status !== 'running') return;
  client?.pause();
  simStore.setState({ status: 'paused' });
}

export function resumeSimulation() {
  if (simStore.getState().status !== 'paused') return;
  client?.resume();
  simStore.setState({ status: 'running' });
}

/** Starts following the app store; returns a stop function. */
export function startSimulationSync(app: AppStore, makeClient: () => Promise<SimClient>) {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const launch = async (job: SimJob, key: string) => {
    client ??= await makeClient();
    if (simStore.getState().jobKey !== key) return; // superseded while the worker loaded
    // Partials arrive every chunk; the plots redraw at most every DRAW_INTERVAL_MS (the first at
    // once, the final result always), so redraws never crowd the main thread.
    let lastDraw = -Infinity;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const show = (partial: SimPartial) => {
      trailing = undefined;
      lastDraw = performance.now();
      if (partial.jobKey === simStore.getState().jobKey) simStore.setState({ partial });
    };
    try {
      const result = await client.start(job, (partial) => {
        if (partial.jobKey !== simStore.getState().jobKey) return;
        clearTimeout(trailing);
        const wait = DRAW_INTERVAL_MS - (performance.now() - lastDraw);
        if (wait <= 0) show(partial);
        else trailing = setTimeout(() => show(partial), wait);
      });
      clearTimeout(trailing);
      if (result !== 'cancelled' && result.jobKey === simStore.getState().jobKey)
        simStore.setState({ partial: result, status: 'done' });
    } catch (e) {
      if (simStore.getState().jobKey === key)
        simStore.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  };

  const onParams = (params: Params) => {
    if (params.view !== 'theory') {
      if (simStore.getState().jobKey !== null) {
        client?.cancel();
        simStore.setState({ status: 'idle', jobKey: null, partial: null, error: null });
      }
      return;
    }
    const job = simJobOf(params);
    const key = simJobKey(job);
    if (key === simStore.getState().jobKey) return;
    // A new job never starts paused: un-pause the worker, then abort the old job at once.
    if (simStore.getState().status === 'paused') client?.resume();
    client?.cancel();
    simStore.setState({ status: 'running', jobKey: key, partial: null, error: null });
    clearTimeout(timer);
    timer = setTimeout(() => void launch(job, key), RESTART_DELAY_MS);
  };

  const unsubscribe = app.subscribe((s) => s.params, onParams, { fireImmediately: true });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    client?.cancel();
  };
}
