import type { Command } from 'commander';
import { toJson } from '../../report/to-json.js';
import { checkSearch, runSearch } from '../../sweep/run-search.js';
import { buildSearchReport } from '../../sweep/build-search-report.js';
import { renderSearch } from '../../sweep/render-search.js';
import { parseQualityMetric } from '../../sweep/quality-metric.js';
import { DEFAULT_QUALITY_METRIC, DEFAULT_SEARCH_PROBES_PER_ROUND, DEFAULT_SEARCH_VERIFY_POINTS, EXIT_CODE_INTERRUPTED } from '../../sweep/defaults.js';
import { checkOutputTargets, takesStdout, writeOutputs } from '../write-outputs.js';
import { ExitCode, type CommandIo } from '../io.js';
import { workerCount } from '../input-options.js';
import { addPoolOptions, anyNumber, loadBase, numberArg, usage, withPool, type PoolFlags } from './sweep.js';

export interface SearchOptions extends PoolFlags {
  readonly param: string;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly suffix?: string;
  readonly largest?: boolean;
  readonly smallest?: boolean;
  readonly seeds?: number;
  readonly seed?: number;
  readonly quality?: string;
  /** Values evaluated together per round (1 = bisection). */
  readonly probes?: number;
  /** Extra values over the range that test monotonicity. */
  readonly verify?: number;
  readonly json?: string;
}

/**
 * `whatif search`: the largest (or smallest) value of one parameter that keeps every policy,
 * by bisection. Exit 0 with an answer on monotone evidence; 1 when no value passes, the evidence is
 * not monotone or a run failed; 2 for bad input; 130 after Ctrl-C.
 */
export async function runSearchCommand(file: string, opts: SearchOptions, io: CommandIo): Promise<number> {
  if (opts.largest && opts.smallest) return usage(io, 'give --largest or --smallest, not both');
  const targets = [{ option: '--json', path: opts.json }];
  const refused = checkOutputTargets(targets, io);
  if (refused !== null) return refused;
  const base = loadBase(file, opts, io);
  if (!base) return ExitCode.badInput;
  const first = opts.seed ?? base.loaded.before.seed;
  // As `compare`: the policies' intervals need the scenario's seeds, unless the sweep block or --seeds says.
  const seedCount = opts.seeds ?? base.block?.seeds ?? base.loaded.before.seeds;
  const request = {
    path: opts.param,
    min: opts.min,
    max: opts.max,
    step: opts.step ?? 1,
    suffix: opts.suffix ?? '',
    goal: opts.smallest ? ('smallest' as const) : ('largest' as const),
    probesPerRound: opts.probes ?? DEFAULT_SEARCH_PROBES_PER_ROUND,
    verifyPoints: opts.verify ?? DEFAULT_SEARCH_VERIFY_POINTS,
    seeds: Array.from({ length: seedCount }, (_, i) => first + i),
    quality: opts.quality ?? base.block?.quality ?? DEFAULT_QUALITY_METRIC,
  };
  const problems = checkSearch(base, request);
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`${file}: error: ${p}\n`);
    return ExitCode.badInput;
  }
  const workers = workerCount(opts.workers, base.limits, io);
  if (workers === null) return ExitCode.badInput;
  const run = await withPool(workers, opts.timeout, io, (pool, interrupt) =>
    runSearch(base, request, {
      runner: pool,
      concurrency: workers,
      interrupt,
      onEvaluated: (value, pass) => io.stderr(`  ${value}${request.suffix}: ${pass === null ? 'error' : pass ? 'pass' : 'fail'}\n`),
    }),
  );
  const report = buildSearchReport(request, run);
  writeOutputs([{ ...targets[0]!, render: () => toJson(report) }], io);
  const quality = parseQualityMetric(request.quality, run.evaluated.workloads, run.evaluated.changedWorkloads);
  (takesStdout(targets) ? io.stderr : io.stdout)(renderSearch(report, quality.ok ? quality.metric.unit : 'count'));
  if (run.interrupted) return EXIT_CODE_INTERRUPTED;
  return report.reason === 'Found' || report.reason === 'AllPass' ? ExitCode.ok : ExitCode.assertionFailed;
}

/** Registers `whatif search`. */
export function registerSearchCommand(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  const command = program
    .command('search')
    .description('find the largest (or smallest) value of one parameter that still passes every policy, by bisection, checking monotonicity')
    .argument('<scenario>', 'scenario YAML file with spec.assert')
    .requiredOption('--param <path>', 'the parameter, e.g. workloads.payments.hpa.maxReplicas')
    .requiredOption('--min <n>', 'smallest value', anyNumber)
    .requiredOption('--max <n>', 'largest value', anyNumber)
    .option('--largest', 'the largest passing value (default)')
    .option('--smallest', 'the smallest passing value')
    .option('--step <n>', 'spacing of the values (default 1)', numberArg({ min: 0, integer: false, exclusiveMin: true }))
    .option('--suffix <unit>', 'append to each value as written, e.g. m for CPU millicores')
    .option('--seeds <n>', 'seeds per value (default: spec.sweep.seeds, else as compare: spec.seeds)', numberArg({ min: 1, integer: true }))
    .option('--seed <n>', 'first seed (default: spec.seed)', numberArg({ min: 0, integer: true }))
    .option('--quality <metric>', 'metric shown beside cost (default: unrelated.throttledRatio.p95)')
    .option('--probes <k>', 'values evaluated in parallel per round (default 1: bisection)', numberArg({ min: 1, integer: true }))
    .option('--verify <k>', 'extra values spread over the range to check monotonicity (default 2; 0 = none)', numberArg({ min: 0, integer: true }));
  addPoolOptions(command)
    .option('--json <file>', 'write the answer and every evaluated value as JSON')
    .action(async (file: string, opts: SearchOptions) => setExit(await runSearchCommand(file, opts, io)));
}
