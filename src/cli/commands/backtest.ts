import type { Command } from 'commander';
import { ASSERTION_SYNTAX } from '../../backtest/backtest-assertions.js';
import type { CommandIo } from '../io.js';

export interface BacktestOptions {
  readonly from: string;
  readonly overlay?: string;
  readonly seed?: number;
  readonly json?: string;
  readonly html?: string;
  readonly assert?: readonly string[];
  readonly until?: string;
}

/**
 * Registers `whatif backtest`. The command's code is imported when it runs, so that it adds nothing
 * to the start-up of the other commands.
 */
export function registerBacktestCommand(program: Command, io: CommandIo, setExit: (code: number) => void, seedArg: (v: string) => number): void {
  program
    .command('backtest')
    .description('replay recorded load through the scenario; compare simulated with recorded replicas, CPU and scale events')
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--from <dir>', 'recordings folder: <workload>.<series>.json|csv (whatif record writes one)')
    .option('--overlay <file>', 'apply a scenario overlay first (whatif calibrate --out)')
    .option('--seed <n>', 'seed (default: spec.seed)', seedArg)
    .option('--json <file>', 'write the scores and series as JSON')
    .option('--html <file>', 'write a self-contained HTML report with recorded vs simulated charts')
    .option('--until <time>', 'score the recording only up to this time, ISO 8601 (before a manual scale or a deploy the model does not cover)')
    .option('--assert <expr...>', `fail (exit 1) unless every workload meets it: ${ASSERTION_SYNTAX}`)
    .action(async (file: string, opts: BacktestOptions) => setExit(await (await import('./backtest-command.js')).runBacktestCommand(file, opts, io)));
}
