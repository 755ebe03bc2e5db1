import { jobKey, type AnyJobSpec } from '../core/jobs/spec';
import { JOB_SPECS } from '../core/jobs/registry';
import type { Params } from '../core/params';
import type { JobController } from './jobController';
import type { AppStore } from './store';

/**
 * Keeps the jobs in step with the parameters, whatever view is shown: a change of a job's own
 * parameters cancels it (a result is never shown for other parameters); an 'auto' job (re)starts
 * when its parameters change while its view is shown (or is shown for the first time). A view switch alone changes no job's
 * parameters, so a running job keeps running and a finished one keeps its result.
 */
export function startJobSync(
  app: AppStore,
  controller: JobController,
  specs: readonly AnyJobSpec[] = JOB_SPECS,
) {
  const onParams = (p: Params) => {
    for (const spec of specs) {
      const job = spec.fromParams(p);
      const key = job === null ? null : jobKey(spec, job);
      const cur = controller.get(spec.lane);
      if (cur.key !== null && cur.key !== key) controller.cancel(spec.lane);
      // A new job only: one the user cancelled, or that failed, is not started again by itself.
      if (spec.start === 'auto' && job !== null && spec.views.includes(p.view) && cur.key !== key)
        controller.run(spec, job);
    }
  };
  return app.subscribe((s) => s.params, onParams, { fireImmediately: true });
}
