import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '../../quantities/duration.js';
import type { CommandIo } from '../io.js';

export interface CalibrateOptions {
  readonly from: string;
  readonly out?: string;
  readonly json?: string;
  readonly html?: string;
  readonly settle?: number;
}

/**
 * Registers `whatif calibrate`. The command's code is imported when it runs, so that it adds nothing
 * to the start-up of the other commands.
 */
export function registerCalibrateCommand(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command('calibrate')
    .description('fit cpuPerRequest and idleCpu per workload from recorded Prometheus series; write a scenario overlay')
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--from <dir>', 'recordings folder: <workload>.<series>.json|csv (whatif record writes one)')
    .option('--out <file>', 'write the fitted values as a scenario overlay (YAML)')
    .option('--json <file>', 'write the fits as JSON')
    .option('--html <file>', 'write a self-contained HTML report with fit charts')
    .option('--settle <duration>', 'leave out points this long after a replica change (default 2m)', durationArg)
    .action(async (file: string, opts: CalibrateOptions) => setExit(await (await import('./calibrate-command.js')).runCalibrateCommand(file, opts, io)));
}

/** A duration flag ("30s", "2m") in ms. */
export function durationArg(v: string): number {
  const d = parseDuration(v);
  if (!d.ok) throw new InvalidArgumentError(d.reason);
  return d.ms;
}
