#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { EXIT_CODES_HELP, ExitCode, processIo, type CommandIo } from './io.js';
import { addInputOptions } from './input-options.js';
import { addOutputSizeOptions } from './output-options.js';
import { addThrottleCacheOption } from './throttle-cache-option.js';
import { EnvironmentError, describeSystemError, isResourceExhaustion, isSystemError } from './environment-error.js';

// Each command's module (and the simulator behind it) is imported when that command runs, so that
// `whatif --version` and a command's --help start in well under 300 ms (bench/RESULTS.md).
const lightCommands = ['compare', 'explain', 'run', 'node'];
/** Commands that run the simulator, and so the throttle Monte Carlo (`--throttle-cache`). */
const simulatingCommands = ['run', 'compare', 'sweep', 'search', 'backtest'];

/** The package's version, read once from package.json (two folders up from src/cli and dist/cli). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Builds the CLI for `argv`; `io` is injectable so tests run commands in-process. The sweep family
 * registers its options from its own modules, loaded unless `argv` names another command or only
 * asks for the version.
 */
export async function buildProgram(io: CommandIo, setExit: (code: number) => void, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('whatif')
    .description('What-if simulator for Kubernetes scaling changes: HPA, scheduler, node autoscaling, CFS CPU contention.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('compare')
    .description('simulate the before and the after configuration on the same load and report the difference')
    .argument('<scenario>', 'scenario YAML file with spec.change')
    .option('--seeds <n>', 'seeds per configuration (default: spec.seeds, else 5)', positiveInt)
    .option('--seed <n>', 'first seed (default: spec.seed)', nonNegativeInt)
    .option('--workers <n>', 'worker threads (default: every core); the result does not depend on it', positiveInt)
    .option('--duration <d>', 'override spec.duration of both configurations (e.g. 2h for a quick look)')
    .option('--window <where>', 'start (default) or peak: centre a run shorter than the load\'s period on its peak')
    .option('--json <file>', 'write the full result as JSON')
    .option('--junit <file>', 'write the assertions as a JUnit XML test report (one test case per assertion)')
    .option('--markdown <file>', 'write a Markdown report ready to post as a merge-request comment')
    .option('--html <file>', 'write a self-contained HTML report with charts (works offline)')
    .option('--git [range]', 'before from the base revision, after from the head: "base..head"; without a range, the CI merge-request variables')
    .option('--overlay <file>', 'apply a scenario overlay (whatif calibrate --out) to both configurations')
    .action(async (file: string, opts) => setExit(await (await import('./commands/compare.js')).runCompareCommand(file, opts, io)));

  program
    .command('explain')
    .description('say in plain words what the change means, with static bounds from the configuration alone')
    .argument('<scenario>', 'scenario YAML file with spec.change (or --git)')
    .option('--git [range]', 'before from the base revision, after from the head: "base..head"; without a range, the CI merge-request variables')
    .option('--json', 'print the bounds as JSON')
    .action(async (file: string, opts) => setExit(await (await import('./commands/explain.js')).runExplainCommand(file, opts, io)));

  program
    .command('run')
    .description('simulate one configuration with one seed')
    .argument('<scenario>', 'scenario YAML file')
    .option('--seed <n>', 'seed (default: spec.seed)', nonNegativeInt)
    .option('--after', 'simulate the after configuration (with spec.change applied)')
    .option('--duration <d>', 'override spec.duration (e.g. 2h for a quick look)')
    .option('--window <where>', 'start (default) or peak: centre a run shorter than the load\'s period on its peak')
    .option('--json <file>', 'write the full result as JSON')
    .action(async (file: string, opts) => setExit(await (await import('./commands/run.js')).runRunCommand(file, opts, io)));

  program
    .command('node')
    .description('predict CPU sharing, throttling and latency of containers on one node (a node case)')
    .argument('<case>', 'node case file (JSON or YAML)')
    .option('--json', 'print the result as JSON (node-case format)')
    .option('--cores <n>', 'node CPU count when the case does not say', positiveNumber)
    .option('--mode <mode>', 'fluid (event-driven, default) or coarse (the simulator step model)')
    .action(async (file: string, opts) => setExit(await (await import('./commands/node.js')).runNodeCommand(file, opts, io)));

  const command = argv.find((a) => !a.startsWith('-'));
  const versionOnly = command === undefined && argv.some((a) => a === '-V' || a === '--version');
  if (!versionOnly && !(command !== undefined && lightCommands.includes(command))) {
    const [sweep, search, merge, calibrate, backtest, record] = await Promise.all([
      import('./commands/sweep.js'),
      import('./commands/search.js'),
      import('./commands/merge.js'),
      import('./commands/calibrate.js'),
      import('./commands/backtest.js'),
      import('./commands/record.js'),
    ]);
    sweep.registerSweepCommand(program, io, setExit);
    search.registerSearchCommand(program, io, setExit);
    merge.registerMergeCommand(program, io, setExit);
    calibrate.registerCalibrateCommand(program, io, setExit);
    backtest.registerBacktestCommand(program, io, setExit, nonNegativeInt);
    record.registerRecordCommand(program, io, setExit);
  }
  // Every command that reads a scenario (or a node case) may be allowed more folders.
  for (const command of program.commands) if (command.name() !== 'merge' && command.name() !== 'record') addInputOptions(command);
  for (const command of program.commands) if (command.name() === 'run' || command.name() === 'compare') addOutputSizeOptions(command);
  const version = packageVersion();
  for (const command of program.commands) if (simulatingCommands.includes(command.name())) addThrottleCacheOption(command, io, version);

  return program;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

/** Runs the CLI and returns its exit code; the only place errors become exit codes. */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  let code: number = ExitCode.ok;
  try {
    const program = await buildProgram(io, (c) => (code = c), argv);
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage errors are bad input.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    return exitCodeOf(error, io);
  }
}

/** Environment problems (3) apart from bugs (4): what CI should fix in the job versus report. */
function exitCodeOf(error: unknown, io: CommandIo): number {
  if (error instanceof EnvironmentError) {
    if (!error.reported) io.stderr(`whatif: ${error.message}\n`);
    return ExitCode.environment;
  }
  if (isSystemError(error)) {
    io.stderr(`whatif: ${describeSystemError(error)}\n`);
    return ExitCode.environment;
  }
  if (isResourceExhaustion(error)) {
    io.stderr(`whatif: out of memory or stack (${(error as Error).message}); give the process more memory (NODE_OPTIONS=--max-old-space-size=...) or a smaller input\n`);
    return ExitCode.environment;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`whatif: internal error: ${message}\n`);
  if (io.env.WHATIF_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('This is a bug in kube-whatif, not in your input; please report it with the command and scenario (run with WHATIF_DEBUG=1 for a stack trace).\n');
  return ExitCode.internal;
}

function invokedDirectly(): boolean {
  try {
    // Through npm's bin link argv[1] is a symlink to this file.
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
