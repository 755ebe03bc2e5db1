import type { JobState } from '../../state/jobController';

/** "~12 s left" from a job's ETA; empty while paused, done or unknown. */
export function etaText(s: Pick<JobState, 'status' | 'etaMs'>): string {
  if (s.status !== 'running' || s.etaMs === null) return '';
  const sec = s.etaMs / 1000;
  if (sec < 1) return '< 1 s left';
  if (sec < 90) return `~${Math.ceil(sec)} s left`;
  return `~${Math.ceil(sec / 60)} min left`;
}

/** The status in words, with the time a finished job took and when it ended. */
export function statusText(s: JobState): string {
  const took = `${(s.activeMs / 1000).toFixed(s.activeMs < 10_000 ? 1 : 0)} s`;
  const at = s.endedAt ? new Date(s.endedAt).toLocaleTimeString() : '';
  switch (s.status) {
    case 'running':
      return s.partial === null ? 'starting…' : 'running';
    case 'paused':
      return 'paused';
    case 'done':
      return `done in ${took}${at ? ` (at ${at})` : ''}`;
    case 'cancelled':
      return `cancelled${at ? ` at ${at}` : ''}`;
    case 'failed':
      return 'failed';
    default:
      return 'idle';
  }
}
