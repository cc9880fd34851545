import type { TimeSeries } from '../models/load/time-series.js';

/** Several series on one regular grid; `null` where a series has no sample near a grid point. */
export interface AlignedSeries {
  readonly timesMs: readonly number[];
  readonly columns: readonly (readonly (number | null)[])[];
}

/**
 * Puts series on the grid start + k * stepMs over the span they all cover. A grid point takes the
 * mean of a series' samples within half a step of it and `null` when there is none: unlike
 * `resampleSeries`, which interpolates across gaps to replay a load, a fit must not invent points.
 */
export function alignSeries(series: readonly TimeSeries[], stepMs: number): AlignedSeries {
  if (series.length === 0 || series.some((s) => s.timesMs.length === 0)) return { timesMs: [], columns: series.map(() => []) };
  const start = Math.max(...series.map((s) => s.timesMs[0]!));
  const end = Math.min(...series.map((s) => s.timesMs[s.timesMs.length - 1]!));
  const timesMs: number[] = [];
  for (let t = start; t <= end; t += stepMs) timesMs.push(t);
  const columns = series.map((s) => {
    const out: (number | null)[] = [];
    let j = 0;
    for (const t of timesMs) {
      const lo = t - stepMs / 2;
      const hi = t + stepMs / 2;
      while (j < s.timesMs.length && s.timesMs[j]! < lo) j++;
      let sum = 0;
      let count = 0;
      for (let i = j; i < s.timesMs.length && s.timesMs[i]! < hi; i++) {
        sum += s.values[i]!;
        count++;
      }
      out.push(count > 0 ? sum / count : null);
    }
    return out;
  });
  return { timesMs, columns };
}
