import type { BackendChoice } from '../sim/types';

/** A tfjs job as sent to the compute worker: the runner's job plus the link's backend choice. */
export interface WithBackend<J> {
  job: J;
  backend?: BackendChoice;
}
