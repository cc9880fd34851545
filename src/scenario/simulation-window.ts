/**
 * Which span of the loads a run covers. A run shorter than the loads' period sees only part of
 * them (two hours from midnight miss a 13:00 peak); `--window peak` centres the run on the time
 * the offered CPU demand (requests/s x CPU per request, summed over the workloads) is highest.
 */
import type { Scenario } from './types.js';
import { loadPeriodMs } from '../models/load/load-period.js';
import { loadShapeFor } from '../models/load/shapes.js';
import { formatDuration } from '../quantities/duration.js';

const PEAK_SEARCH_STEP_MS = 60_000;

/** The longest period among the workloads' loads; null when no load repeats. */
export function scenarioLoadPeriodMs(s: Scenario): number | null {
  let longest: number | null = null;
  for (const w of s.workloads) {
    const p = loadPeriodMs(w.load);
    if (p !== null && (longest === null || p > longest)) longest = p;
  }
  return longest;
}

/** Where in the first period the summed CPU demand peaks (the earliest minute of the highest). */
export function loadPeakOffsetMs(s: Scenario): number {
  const horizon = scenarioLoadPeriodMs(s) ?? s.durationMs;
  const shapes = s.workloads.map((w) => ({ shape: loadShapeFor(w.load), cost: w.cpuPerRequestMs }));
  let best = 0;
  let bestDemand = -Infinity;
  for (let t = 0; t < horizon; t += PEAK_SEARCH_STEP_MS) {
    let demand = 0;
    for (const { shape, cost } of shapes) demand += shape.rateAt(t) * cost;
    if (demand > bestDemand + 1e-9) {
      bestDemand = demand;
      best = t;
    }
  }
  return best;
}

/** The run's start offset that puts the load's peak in the middle of a run of `durationMs`. */
export function peakWindowStartMs(s: Scenario, durationMs: number): number {
  return Math.max(0, loadPeakOffsetMs(s) - Math.floor(durationMs / 2));
}

/** A sentence when the run covers less than one period of the loads, else null. */
export function shortWindowMessage(s: Scenario): string | null {
  const period = scenarioLoadPeriodMs(s);
  if (period === null || s.durationMs >= period) return null;
  const from = formatDuration(s.startOffsetMs);
  const to = formatDuration(s.startOffsetMs + s.durationMs);
  return `the run (${formatDuration(s.durationMs)}, from ${from} to ${to} of the load) is shorter than the load's period (${formatDuration(period)}): it does not see the whole load${s.startOffsetMs === 0 ? '; --window peak centres it on the peak' : ''}`;
}
