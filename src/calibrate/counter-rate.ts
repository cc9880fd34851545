import type { TimeSeries } from '../models/load/time-series.js';

/** Per-second rates of a cumulative counter, with what was done to get them. */
export interface CounterRate {
  /** Rate at the end of each usable interval, per second. */
  readonly series: TimeSeries;
  readonly resets: number;
  readonly gaps: number;
}

/**
 * The per-second rate of a cumulative counter (`container_cpu_usage_seconds_total`,
 * `http_requests_total`) between consecutive samples, the way Prometheus' `rate()` reads a counter:
 * a value lower than the previous one is a reset (a restarted container counts from zero), so the
 * increase over that interval is the new value itself. An interval longer than `maxGapMs` is a gap:
 * nothing is known about what happened inside it, so it yields no rate.
 */
export function counterRate(counter: TimeSeries, maxGapMs: number): CounterRate {
  const timesMs: number[] = [];
  const values: number[] = [];
  let resets = 0;
  let gaps = 0;
  for (let i = 1; i < counter.timesMs.length; i++) {
    const dt = counter.timesMs[i]! - counter.timesMs[i - 1]!;
    const v = counter.values[i]!;
    const prev = counter.values[i - 1]!;
    const reset = v < prev;
    if (reset) resets++;
    if (dt > maxGapMs) {
      gaps++;
      continue;
    }
    timesMs.push(counter.timesMs[i]!);
    values.push(((reset ? v : v - prev) / dt) * 1000);
  }
  return { series: { timesMs, values }, resets, gaps };
}
