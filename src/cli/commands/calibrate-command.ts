import { basename } from 'node:path';
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
import type { CalibrateOptions } from './calibrate.js';


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
