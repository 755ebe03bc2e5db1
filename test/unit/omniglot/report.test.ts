import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { nonlinearReport } from '../../../src/compute/reports/nonlinearReport';
import { directContext } from '../../../src/core/jobs/context';
import {
  drawOmniglotTask,
  omniglotTaskJob,
  omniglotTaskRunner,
  omniglotTaskSection,
} from '../../../src/core/omniglot/job';
import { parseLink } from '../../../src/core/params';
import { nonlinearExport } from '../../../src/ui/export/nonlinearExport';
import { shipped } from './helpers';

const LINK = 'view=nonlinear&ogSeed=4&ogQueries=2';

describe('the sample task in the nonlinear report (CLI) and the page export', () => {
  test('the CLI section is the page’s task, every image named, without pixels', async () => {
    const { params } = parseLink(LINK);
    const r = await nonlinearReport(params, ['omniglotTask']);
    expect(Object.keys(r)).toEqual(['backend', 'seconds', 'omniglotTask', 'curves']);
    const task = drawOmniglotTask(await shipped(), omniglotTaskJob(params));
    expect(r.omniglotTask).toEqual(omniglotTaskSection(task));
    expect(r.omniglotTask!.support).toHaveLength(5);
    expect(r.omniglotTask!.query).toHaveLength(10);
    expect(r.omniglotTask!.support[0]).not.toHaveProperty('pixels');
    expect(r.curves).toEqual({});
    // The page's export of the same run is the CLI's, key for key.
    const result = await omniglotTaskRunner(async () => shipped())(
      omniglotTaskJob(params),
      directContext(),
    );
    const page = nonlinearExport(params, [], {
      omniglotTask: {
        status: 'done',
        partial: null,
        result,
        error: null,
        seconds: 0.01,
        backend: null,
      },
    });
    expect(page.omniglotTask).toEqual(r.omniglotTask);
    expect(Object.keys(page)).toEqual(['config', 'notices', ...Object.keys(r)]);
  });

  test('`repro` prints it from the committed data', () => {
    const out = spawnSync(
      'npx',
      ['tsx', 'src/cli/repro.ts', LINK + '&backend=cpu', '--sections', 'omniglotTask'],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.omniglotTask.classes).toHaveLength(5);
    expect(json.omniglotTask.query.map((q: { label: number }) => q.label)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(['Tagalog', 'Early_Aramaic']).toContain(json.omniglotTask.support[0].alphabet);
  });
});
