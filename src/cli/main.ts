#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runCompareCommand } from './commands/compare.js';
import { runRunCommand } from './commands/run.js';
import { runNodeCommand } from './commands/node.js';
import { runExplainCommand } from './commands/explain.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerSearchCommand } from './commands/search.js';
import { registerMergeCommand } from './commands/merge.js';
import { EXIT_CODES_HELP, ExitCode, processIo, type CommandIo } from './io.js';
import { EnvironmentError, describeSystemError, isResourceExhaustion, isSystemError } from './environment-error.js';

/** Builds the CLI; `io` is injectable so tests run commands in-process. */
export function buildProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command('whatif')
    .description('What-if simulator for Kubernetes scaling changes: HPA, scheduler, node autoscaling, CFS CPU contention.')
    .version('0.1.0')
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
    .option('--json <file>', 'write the full result as JSON')
    .option('--junit <file>', 'write the assertions as a JUnit XML test report (one test case per assertion)')
    .option('--markdown <file>', 'write a Markdown report ready to post as a merge-request comment')
    .option('--html <file>', 'write a self-contained HTML report with charts (works offline)')
    .option('--git [range]', 'before from the base revision, after from the head: "base..head"; without a range, the CI merge-request variables')
    .action(async (file: string, opts) => setExit(await runCompareCommand(file, opts, io)));

  program
    .command('explain')
    .description('say in plain words what the change means, with static bounds from the configuration alone')
    .argument('<scenario>', 'scenario YAML file with spec.change (or --git)')
    .option('--git [range]', 'before from the base revision, after from the head: "base..head"; without a range, the CI merge-request variables')
    .option('--json', 'print the bounds as JSON')
    .action(async (file: string, opts) => setExit(await runExplainCommand(file, opts, io)));

  program
    .command('run')
    .description('simulate one configuration with one seed')
    .argument('<scenario>', 'scenario YAML file')
    .option('--seed <n>', 'seed (default: spec.seed)', nonNegativeInt)
    .option('--after', 'simulate the after configuration (with spec.change applied)')
    .option('--json <file>', 'write the full result as JSON')
    .action(async (file: string, opts) => setExit(await runRunCommand(file, opts, io)));

  program
    .command('node')
    .description('predict CPU sharing, throttling and latency of containers on one node (a node case)')
    .argument('<case>', 'node case file (JSON or YAML)')
    .option('--json', 'print the result as JSON (node-case format)')
    .option('--cores <n>', 'node CPU count when the case does not say', positiveNumber)
    .option('--mode <mode>', 'fluid (event-driven, default) or coarse (the simulator step model)')
    .action(async (file: string, opts) => setExit(await runNodeCommand(file, opts, io)));

  registerSweepCommand(program, io, setExit);
  registerSearchCommand(program, io, setExit);
  registerMergeCommand(program, io, setExit);

  return program;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
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
  const program = buildProgram(io, (c) => (code = c));
  try {
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
