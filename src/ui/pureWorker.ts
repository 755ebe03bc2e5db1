import { pureClient } from '../state/jobs';

/** The page's one light worker (no tfjs), started on first use; the job controller shares it. */
export const pureWorker = () => pureClient().api();
