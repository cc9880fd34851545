import type { RunResult } from '../simulation/run-result.js';

/**
 * Which per-run time series an output carries (`--series`): every series (`workloads`, the
 * default: the pools' and each workload's), the cluster and pool series only (`pools`: their size
 * does not grow with the number of workloads), or none. The summaries are always complete.
 */
export const SERIES_MODES = ['workloads', 'pools', 'none'] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];

/** Everything, as before the option existed. */
export const DEFAULT_SERIES_MODE: SeriesMode = 'workloads';

/** A run as an output writes it: `series` is absent with `--series none`. */
export type RunOutput = Omit<RunResult, 'series'> & { readonly series?: RunResult['series'] };

/** The run with the series `mode` keeps (the same object when it keeps them all). */
export function selectSeries(run: RunResult, mode: SeriesMode): RunOutput {
  if (mode === 'workloads') return run;
  const { series, ...rest } = run;
  if (mode === 'none') return rest;
  return { ...rest, series: { ...series, workloads: {} } };
}

/**
 * The run for the HTML charts: series it does not keep are empty rather than absent, so the page
 * draws what is there (no workload charts with `pools`, no charts with `none`).
 */
export function chartSeries(run: RunResult, mode: SeriesMode): RunResult {
  if (mode === 'workloads') return run;
  if (mode === 'pools') return { ...run, series: { ...run.series, workloads: {} } };
  return { ...run, series: { timeMs: [], costUsd: [], pools: {}, workloads: {} } };
}
