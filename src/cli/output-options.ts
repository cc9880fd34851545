import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_SERIES_MODE, SERIES_MODES, type SeriesMode } from '../report/series-selection.js';
import { DEFAULT_TOP_WORKLOADS } from '../report/defaults.js';

/** What `run` and `compare` write, sized for large clusters. */
export interface OutputSizeFlags {
  /** Per-run time series kept in --json and --html. */
  readonly series?: SeriesMode;
  /** Workloads listed in the terminal report; 0 lists all. */
  readonly top?: number;
}

/**
 * Adds `--series`, `--sample-interval` and `--top`. The sample interval is a scenario field
 * (spec.simulation.sampleInterval): the command passes it to the loader like `--duration`, so its
 * default and its checks stay the scenario's.
 */
export function addOutputSizeOptions(command: Command): Command {
  return command
    .option('--series <what>', `time series in --json/--html: ${SERIES_MODES.join(', ')} (default ${DEFAULT_SERIES_MODE}; pools keeps the cluster and pool series only)`, seriesMode)
    .option('--sample-interval <d>', 'override spec.simulation.sampleInterval, the interval of the recorded series (a multiple of the step, e.g. 5m)')
    .option('--top <n>', `workloads listed in the terminal report (default ${DEFAULT_TOP_WORKLOADS}; 0 lists all)`, wholeNumber);
}

function seriesMode(v: string): SeriesMode {
  const mode = SERIES_MODES.find((m) => m === v);
  if (!mode) throw new InvalidArgumentError(`expected one of ${SERIES_MODES.join(', ')}`);
  return mode;
}

function wholeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}
