import { InvalidArgumentError, type Command } from 'commander';
import { formatProblem, type Problem } from '../../scenario/problem.js';
import { terminalText } from '../../report/escape.js';
import { toJson } from '../../report/to-json.js';
import { loadSweepBase, type SweepBase } from '../../sweep/load-sweep-base.js';
import { planSweep } from '../../sweep/plan-sweep.js';
import { executeSweep } from '../../sweep/execute-sweep.js';
import { buildSweepResult } from '../../sweep/build-sweep-result.js';
import { chooseShard } from '../../sweep/select-shard.js';
import { WorkerPool } from '../../sweep/worker-pool.js';
import { toSweepCsv } from '../../sweep/sweep-csv.js';
import { renderSweep } from '../../sweep/render-sweep.js';
import { parseQualityMetric } from '../../sweep/quality-metric.js';
import { DEFAULT_TABLE_ROWS, EXIT_CODE_INTERRUPTED } from '../../sweep/defaults.js';
import type { SweepFlags } from '../../sweep/read-sweep-spec.js';
import type { SweepResult, TestCrash } from '../../sweep/types.js';
import type { Limits } from '../../scenario/limits.js';
import { validateAssertion } from '../validate-assertion.js';
import { checkOutputTargets, takesStdout, writeOutputs as writeAll, type OutputTarget } from '../write-outputs.js';
import { ExitCode, type CommandIo } from '../io.js';
import { Progress } from '../progress.js';
import { inputOptions, workerCount, type InputFlags } from '../input-options.js';

/** Options every command that runs simulations in the pool shares. */
export interface PoolFlags extends InputFlags {
  /** Worker threads (default: os.availableParallelism()). */
  readonly workers?: number;
  /** Per-point limit in seconds; a point over it is an error row. */
  readonly timeout?: number;
  /** Overrides spec.duration of every run. */
  readonly duration?: string;
}

export interface SweepOptions extends SweepFlags, PoolFlags {
  readonly shard?: string;
  readonly shardTotal?: number;
  readonly json?: string;
  readonly csv?: string;
  readonly rows?: number;
}

/** `whatif sweep`: every point of the sweep (or of one shard), in parallel, with the frontier and the best point. */
export async function runSweepCommand(file: string, opts: SweepOptions, io: CommandIo): Promise<number> {
  const shard = chooseShard(opts.shard, opts.shardTotal, io.env);
  if (!shard.ok) return usage(io, shard.message);
  const refused = checkOutputTargets(sweepTargets(opts), io);
  if (refused !== null) return refused;
  const base = loadBase(file, opts, io);
  if (!base) return ExitCode.badInput;
  const planStarted = Date.now();
  const planned = planSweep(base, opts, base.limits.sweepPoints);
  if (!planned.ok) return reportProblems(io, file, planned.problems);
  const { plan } = planned;
  const workers = workerCount(opts.workers, base.limits, io);
  if (workers === null) return ExitCode.badInput;
  const started = Date.now();
  const planSeconds = (started - planStarted) / 1000;
  let progress: Progress | null = null;
  const data = await withPool(workers, opts.timeout, io, (pool, interrupt) =>
    executeSweep(plan, {
      runner: pool,
      concurrency: workers,
      shard: shard.shard,
      interrupt,
      testCrash: testCrashFrom(io.env),
      onProgress: (_done, total) => (progress ??= new Progress(io, total, 'sweeping')).tick(),
    }),
  );
  const result = buildSweepResult(data);
  writeOutputs(result, opts, io);
  const unit = parseQualityMetric(result.quality, result.workloads, result.changedWorkloads);
  (takesStdout(sweepTargets(opts)) ? io.stderr : io.stdout)(renderSweep(result, unit.ok ? unit.metric.unit : 'count', opts.rows ?? DEFAULT_TABLE_ROWS));
  const seconds = (Date.now() - started) / 1000;
  // CPU of every thread of this process: what the sweep cost, whatever else the machine was doing.
  const cpu = process.cpuUsage();
  io.stderr(
    `${result.points.length} points and ${result.baselines.length} baseline run(s) in ${seconds.toFixed(1)} s on ${workers} worker(s) (${(result.points.length / Math.max(seconds, 1e-3)).toFixed(2)} points/s; planning ${planSeconds.toFixed(1)} s before; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)${shard.shard ? `, ${shard.source}` : ''}\n`,
  );
  return sweepExitCode(result);
}

/**
 * 130 after Ctrl-C; 1 when a point failed, or (for a whole sweep) when no configuration passes the
 * policies; else 0.
 */
export function sweepExitCode(result: SweepResult): number {
  if (!result.complete) return EXIT_CODE_INTERRUPTED;
  if (result.points.some((p) => p.status === 'error')) return ExitCode.assertionFailed;
  if (!result.shard && result.best === null) return ExitCode.assertionFailed;
  return ExitCode.ok;
}

/** The output options of sweep and merge. */
export function sweepTargets(opts: { json?: string; csv?: string }): OutputTarget[] {
  return [
    { option: '--json', path: opts.json },
    { option: '--csv', path: opts.csv },
  ];
}

/** Writes --json and --csv: both or neither. */
export function writeOutputs(result: SweepResult, opts: { json?: string; csv?: string }, io: CommandIo): void {
  const [json, csv] = sweepTargets(opts);
  writeAll([{ ...json!, render: () => toJson(result) }, { ...csv!, render: () => toSweepCsv(result) }], io);
}

/** Loads the scenario for a sweep or search; prints every problem and returns null when unusable. */
export function loadBase(file: string, opts: PoolFlags, io: CommandIo): (SweepBase & { readonly limits: Limits }) | null {
  const input = inputOptions(opts, io);
  if (!input) return null;
  const base = loadSweepBase(file, { ...(opts.duration !== undefined ? { duration: opts.duration } : {}), validateAssertion, ...input });
  if (!base.ok) {
    reportProblems(io, file, base.problems);
    return null;
  }
  for (const w of base.warnings) io.stderr(`${terminalText(formatProblem(w))}\n`);
  return { ...base.value, limits: input.limits };
}

export function reportProblems(io: CommandIo, file: string, problems: readonly Problem[]): number {
  for (const p of problems) io.stderr(`${terminalText(formatProblem(p))}\n`);
  io.stderr(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file} or the options; nothing was simulated.\n`);
  return ExitCode.badInput;
}

export function usage(io: CommandIo, message: string): number {
  io.stderr(`whatif: ${message}\n`);
  return ExitCode.badInput;
}

/**
 * Runs `work` with a pool of `workers` threads. The first Ctrl-C aborts: no new point starts,
 * running ones are abandoned and `work` returns what finished; a second Ctrl-C exits at once.
 */
export async function withPool<T>(workers: number, timeoutSeconds: number | undefined, io: CommandIo, work: (pool: WorkerPool, interrupt: AbortSignal) => Promise<T>): Promise<T> {
  const pool = new WorkerPool(workers, timeoutSeconds === undefined ? null : timeoutSeconds * 1000);
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_CODE_INTERRUPTED);
    io.stderr('\ninterrupted: stopping the workers and writing the finished rows (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(pool, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    await pool.close();
  }
}

/** The test-only failure hook: WHATIF_SWEEP_TEST_CRASH_POINT=<point> [WHATIF_SWEEP_TEST_CRASH_MODE=throw|exit|hang]. */
function testCrashFrom(env: CommandIo['env']): { point: number; mode: TestCrash } | null {
  const point = env.WHATIF_SWEEP_TEST_CRASH_POINT;
  if (point === undefined || !/^\d+$/.test(point)) return null;
  const mode = env.WHATIF_SWEEP_TEST_CRASH_MODE;
  return { point: Number(point), mode: mode === 'exit' || mode === 'hang' ? mode : 'throw' };
}

/** Commander argument parsers of the sweep commands: a number with bounds, a repeatable option. */
export function numberArg(options: { min: number; integer: boolean; exclusiveMin?: boolean }): (v: string) => number {
  return (v) => {
    const n = Number(v);
    const low = options.exclusiveMin ? n > options.min : n >= options.min;
    if (v.trim() === '' || !Number.isFinite(n) || !low || (options.integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expected ${options.integer ? 'a whole number' : 'a number'} ${options.exclusiveMin ? '>' : '>='} ${options.min}`);
    }
    return n;
  };
}

/** Any finite number (search bounds may be negative or fractional). */
export function anyNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

/** Collects a repeatable option's values in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `whatif sweep`, `whatif search` and `whatif merge`'s shared pool options. */
export function addPoolOptions(command: Command): Command {
  return command
    .option('--workers <n>', 'worker threads (default: every core, os.availableParallelism())', numberArg({ min: 1, integer: true }))
    .option('--timeout <seconds>', 'abandon a point after this long and report it as an error row', numberArg({ min: 0, integer: false, exclusiveMin: true }))
    .option('--duration <d>', 'override spec.duration of every run (e.g. 2h for a quicker look)');
}

/** Registers `whatif sweep`. */
export function registerSweepCommand(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  const command = program
    .command('sweep')
    .description('run every point of a parameter sweep (grid x random samples x seeds) on all cores; table, CSV/JSON, Pareto frontier, best point')
    .argument('<scenario>', 'scenario YAML file (spec.sweep, or --param/--range)')
    .option('--param <path=values>', 'grid parameter: path=10,15,20 or path=10..40[:step] (repeatable)', collect)
    .option('--range <path=range>', 'random parameter: path=min..max or path=a,b,c (repeatable)', collect)
    .option('--random <n>', 'number of random samples', numberArg({ min: 1, integer: true }))
    .option('--random-seed <n>', 'seed of the random sampler', numberArg({ min: 0, integer: true }))
    .option('--seeds <n>', 'simulation seeds per point (default: spec.sweep.seeds, else 1)', numberArg({ min: 1, integer: true }))
    .option('--seed <n>', 'first seed (default: spec.seed)', numberArg({ min: 0, integer: true }))
    .option('--quality <metric>', 'quality axis of the Pareto frontier, a policy metric name (default: unrelated.throttledRatio.p95)');
  addPoolOptions(command)
    .option('--shard <i/n>', 'run shard i of n (1-based); default from CI_NODE_INDEX/CI_NODE_TOTAL or JOB_COMPLETION_INDEX')
    .option('--shard-total <n>', 'number of shards with a Kubernetes Indexed Job (its completions); or WHATIF_SHARD_TOTAL', numberArg({ min: 1, integer: true }))
    .option('--json <file>', 'write every row, the frontier and the best point as JSON (input of whatif merge)')
    .option('--csv <file>', 'write one row per point as CSV')
    .option('--rows <n>', 'rows of the terminal table (default 40)', numberArg({ min: 0, integer: true }))
    .action(async (file: string, opts: SweepOptions) => setExit(await runSweepCommand(file, opts, io)));
}
