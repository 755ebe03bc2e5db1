/**
 * Every heavy job of the app. A new experiment adds its spec here (and its runner to the worker's
 * registry, src/compute/runners.ts or src/worker/pureWorker.ts); the page's job sync then cancels
 * it when its parameters change and starts it when it is an 'auto' job.
 */
import { fig5Spec } from '../fig5/job';
import { learnedRatesSpec, metaSgdSpec } from '../metaSgd/jobs';
import { omniglotTaskSpec } from '../omniglot/job';
import { ogInnerLoopSpec, ogMetaSgdSpec, ogRatesSpec } from '../omniglot/training';
import { ogStabilitySpec } from '../omniglot/stability';
import { ogProbeSpec } from '../omniglot/probe';
import { probeSpec } from '../probe/job';
import { simJobSpec } from '../sim/job';
import { scaleUpSpec } from '../sim/scaleUp';
import { sinusoidGridSpec, stabilityReportSpec } from '../stability/jobs';
import type { AnyJobSpec } from './spec';

export const JOB_SPECS: readonly AnyJobSpec[] = [
  simJobSpec,
  scaleUpSpec,
  stabilityReportSpec,
  sinusoidGridSpec,
  learnedRatesSpec,
  fig5Spec,
  metaSgdSpec,
  probeSpec,
  omniglotTaskSpec,
  ogInnerLoopSpec,
  ogRatesSpec,
  ogMetaSgdSpec,
  ogStabilitySpec,
  ogProbeSpec,
];
