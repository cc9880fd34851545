import type { RunResult } from '../simulation/run-result.js';
import type { RunSummary } from './types.js';

/**
 * What a sweep keeps of a run: everything but the time series, the HPA decision log and the event
 * log, which would dominate the transfer from the worker and the JSON of a 1,000-point sweep.
 */
export function toRunSummary(run: RunResult): RunSummary {
  const { series: _series, hpaDecisions: _decisions, events: _events, ...summary } = run;
  return summary;
}

/**
 * A summary as the RunResult the report functions take (evaluateAssertions, readTarget), with
 * empty logs: those functions read only the summaries.
 */
export function asRunResult(summary: RunSummary): RunResult {
  return { ...summary, series: { timeMs: [], costUsd: [], pools: {}, workloads: {} }, hpaDecisions: {}, events: [] };
}
