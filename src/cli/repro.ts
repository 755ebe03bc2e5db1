/**
 * Headless reproduction of a share link: prints what the page shows for that link.
 *   npm run --silent repro -- '<share link or query string>' [--format json|csv] [--sim]
 * --sim adds the Monte-Carlo simulation (the page's engine, on the wasm or cpu backend) at the current
 * point and at every x of both curves; --scale-up the simulation–theory gap at ×1…×8 sizes.
 * Notices about bad link values go to stderr; a bad value never stops the run.
 */
import { PARAMS, PARAM_KEYS, parseLink, type ParamSpec } from '../core/params';
import { computeTheoryReport } from '../core/theoryReport';
import { curvesToCsv, gridToCsv, type Curve } from '../core/curvesCsv';
import { nonlinearCliReport, stabilityCliReport } from './otherViews';
import { withScaleUp, withSimulation } from './simulation';

interface CliArgs {
  link: string;
  format: 'json' | 'csv';
  help: boolean;
  sim: boolean;
  scaleUp: boolean;
  sections: string[] | null;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    link: '',
    format: 'json',
    help: false,
    sim: false,
    scaleUp: false,
    sections: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--sim') args.sim = true;
    else if (a === '--scale-up') args.scaleUp = true;
    else if (a === '--sections') args.sections = (argv[++i] ?? '').split(',');
    else if (a === '--format') args.format = argv[++i] === 'csv' ? 'csv' : 'json';
    else if (a.startsWith('--format=')) args.format = a.endsWith('=csv') ? 'csv' : 'json';
    else if (!a.startsWith('--')) args.link = a;
    else process.stderr.write(`repro: unknown option ${a} ignored\n`);
  }
  return args;
}

function describeRange(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.integer ? 'integer' : 'number'} in [${spec.min}, ${spec.max}]`;
    case 'pair':
      return `"a,b" with a, b in [${spec.min}, ${spec.max}]`;
    case 'enum':
      return spec.options.join(' | ');
    case 'boolean':
      return '0 | 1';
    case 'text':
      return `text (${spec.help.split(':')[0]})`;
  }
}

/** Help generated from the parameter table, like the page's controls. */
function helpText(): string {
  const rows = PARAM_KEYS.map((k) => {
    const s = PARAMS[k] as ParamSpec;
    const d = Array.isArray(s.default) ? s.default.join(',') : String(s.default);
    return `  ${s.urlKey.padEnd(12)} ${describeRange(s).padEnd(34)} default ${d.padEnd(10)} ${s.help}`;
  });
  return [
    "usage: npm run --silent repro -- '<share link or query string>' [--format json|csv] [--sim]",
    '  --sim        theory view: add simulated means and standard errors (wasm, or cpu if backend=cpu)',
    '  --scale-up   theory view: add the gap to the theory at ×1…×scaleUpTo along the theorem’s limit',
    '  --sections   nonlinear view: comma-separated subset of learnedRates,fig5,metaSgd,probe,omniglotTask,\n' +
      '               omniglotInnerLoop,omniglotRates,omniglotMetaSgd,omniglotStability,omniglotProbe\n' +
      '               (the Omniglot trainings: only when named, or by ogExperiment)',
    'The view comes from the link (view=theory|stability|nonlinear); the two training views use tfjs',
    'on wasm (or cpu when the link says backend=cpu) and print progress on stderr.',
    '',
    'Link keys:',
    ...rows,
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(helpText());
    return 0;
  }
  const { params, notices } = parseLink(args.link);
  for (const n of notices) process.stderr.write(`notice: ${n.key}: ${n.message}\n`);
  const backend = params.backend === 'cpu' ? 'cpu' : 'wasm';
  let report: object;
  if (params.view === 'stability') report = await stabilityCliReport(params, notices);
  else if (params.view === 'nonlinear')
    report = await nonlinearCliReport(params, notices, backend, args.sections);
  else {
    const theory = computeTheoryReport(params, notices);
    const simulated = args.sim ? await withSimulation(theory) : theory;
    report = args.scaleUp ? await withScaleUp(simulated) : simulated;
  }
  let csv: string | null = null;
  if (args.format === 'csv') {
    if ('curves' in report) csv = curvesToCsv((report as { curves: Record<string, Curve> }).curves);
    else if ('grid' in report) csv = gridToCsv(report as Parameters<typeof gridToCsv>[0]);
    else
      process.stderr.write('notice: --format csv is not available for this view; printing JSON\n');
  }
  process.stdout.write(csv ?? JSON.stringify(report, null, 1) + '\n');
  return 0;
}

// A closed pipe (`| head`) is a normal end for a CLI, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
// Notices and progress are optional: when their reader has gone (`2>&1 | head`), the report on
// stdout still matters, so later stderr writes are dropped instead of crashing the run. A closed
// stream reports EPIPE once, then ERR_STREAM_DESTROYED for each later write.
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
  throw e;
});

// exitCode, not process.exit(): exiting at once would cut stdout when it is a pipe (64 KB buffer).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`repro: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
