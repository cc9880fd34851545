import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '../../cluster/duration.js';
import { calibrateRecordings } from '../../calibrate/calibrate-recordings.js';
import { renderCalibration } from '../../calibrate/render-calibration.js';
import { renderOverlay } from '../../calibrate/render-overlay.js';
import { renderCalibrationHtml } from '../../calibrate/calibration-html.js';
import { readChartLibrary } from '../../report/html/chart-library.js';
import { toJson } from '../../report/to-json.js';
import { loadOrReport } from '../load-or-report.js';
import { recordingsOrReport } from '../recordings-or-report.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { ExitCode, type CommandIo } from '../io.js';

export interface CalibrateOptions {
  readonly from: string;
  readonly out?: string;
  readonly json?: string;
  readonly html?: string;
  readonly settle?: number;
}

/** `whatif calibrate`: fit cpuPerRequest and idleCpu from recorded metrics; write an overlay. */
export async function runCalibrateCommand(file: string, opts: CalibrateOptions, io: CommandIo): Promise<number> {
  const loaded = loadOrReport(file, io);
  if (!loaded) return ExitCode.badInput;
  const recordings = recordingsOrReport(opts.from, io);
  if (!recordings) return ExitCode.badInput;
  const calibration = calibrateRecordings(loaded.before, recordings, { scenario: basename(file), recordings: basename(opts.from) }, { settleMs: opts.settle });
  if (calibration.fits.length === 0) {
    io.stderr(`${opts.from}: no recorded workload is a workload of ${file} (recorded: ${recordings.workloads.map((w) => w.workload).join(', ')})\n`);
    return ExitCode.badInput;
  }
  if (opts.out) writeFileAtomic(opts.out, renderOverlay(calibration));
  if (opts.json) writeFileAtomic(opts.json, toJson(calibration));
  if (opts.html) writeFileAtomic(opts.html, renderCalibrationHtml(calibration, readChartLibrary()));
  io.stdout(renderCalibration(calibration));
  if (opts.out) io.stdout(`overlay written to ${opts.out}\n`);
  return ExitCode.ok;
}

/** Registers `whatif calibrate`. */
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
    .action(async (file: string, opts: CalibrateOptions) => setExit(await runCalibrateCommand(file, opts, io)));
}

/** A duration flag ("30s", "2m") in ms. */
export function durationArg(v: string): number {
  const d = parseDuration(v);
  if (!d.ok) throw new InvalidArgumentError(d.reason);
  return d.ms;
}
