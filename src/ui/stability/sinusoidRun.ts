/**
 * The live sinusoid grid of the stability view: one job in its own compute worker (so it never
 * cancels the theory view's simulation), partial heatmaps kept per report iteration (for the
 * click-a-cell curve while training), play / pause / reset. A new job supersedes the old one at once;
 * partials of a superseded job are dropped by the compute client (latest wins).
 */
import type {
  SinusoidGridJob,
  SinusoidGridPartial,
  SinusoidGridResult,
} from '../../core/stability/sinusoidTypes';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BackendChoice } from '../../core/sim/types';
import { STABILITY_SINUSOID_JOB } from '../../core/stability/sinusoidJob';
import { createComputeClient, type ComputeClient } from '../../worker/computeClient';

export interface SinusoidRunState {
  status: 'idle' | 'running' | 'paused' | 'done' | 'error';
  /** The job the state belongs to (JSON), null when idle. */
  key: string | null;
  partial: SinusoidGridPartial | null;
  /** Loss grids at every reported iteration so far (the training curves). */
  history: { iteration: number; loss: (number | null)[][] }[];
  backend: string | null;
  error: string | null;
}

const idle: SinusoidRunState = {
  status: 'idle',
  key: null,
  partial: null,
  history: [],
  backend: null,
  error: null,
};

export const sinusoidRunStore = createStore<SinusoidRunState>()(() => idle);

export function useSinusoidRun<T>(selector: (s: SinusoidRunState) => T): T {
  return useStore(sinusoidRunStore, selector);
}

let client: ComputeClient | null = null;

export function startSinusoidRun(job: SinusoidGridJob, backend: BackendChoice) {
  client ??= createComputeClient();
  const key = JSON.stringify(job);
  sinusoidRunStore.setState({ ...idle, status: 'running', key });
  const mine = () => sinusoidRunStore.getState().key === key;
  client
    .run<SinusoidGridJob & { backend: BackendChoice }, SinusoidGridPartial, SinusoidGridResult>(
      STABILITY_SINUSOID_JOB,
      { ...job, backend },
      (partial) => {
        if (!mine()) return;
        const s = sinusoidRunStore.getState();
        sinusoidRunStore.setState({
          partial,
          backend: (partial as SinusoidGridPartial & { backend?: string }).backend ?? s.backend,
          history: [...s.history, { iteration: partial.iteration, loss: partial.loss }],
        });
      },
    )
    .then(
      (r) => {
        if (r !== 'cancelled' && mine()) sinusoidRunStore.setState({ status: 'done' });
      },
      (e: unknown) => {
        if (mine()) sinusoidRunStore.setState({ status: 'error', error: String(e) });
      },
    );
}

export function pauseSinusoidRun() {
  if (sinusoidRunStore.getState().status !== 'running') return;
  client?.pause();
  sinusoidRunStore.setState({ status: 'paused' });
}

export function resumeSinusoidRun() {
  if (sinusoidRunStore.getState().status !== 'paused') return;
  client?.resume();
  sinusoidRunStore.setState({ status: 'running' });
}

/** Stops the job and clears the heatmap (Play starts again from iteration 0). */
export function resetSinusoidRun() {
  client?.cancel();
  sinusoidRunStore.setState(idle);
}
