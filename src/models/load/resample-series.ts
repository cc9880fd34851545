import type { TimeSeries } from './time-series.js';

/**
 * Values of `series` on the regular grid t0 + k * intervalMs (t0 = first sample, k = 0 .. up to the
 * last sample). Grid point k takes the mean of the samples within half an interval of it
 * ([t - I/2, t + I/2)), which averages when downsampling; a point with no sample that close takes
 * the linear interpolation of its neighbours, which fills gaps and upsamples.
 */
export function resampleSeries(series: TimeSeries, intervalMs: number): number[] {
  const { timesMs, values } = series;
  const n = timesMs.length;
  if (n === 0) return [];
  const t0 = timesMs[0]!;
  const points = Math.floor((timesMs[n - 1]! - t0) / intervalMs) + 1;
  const out = new Array<number>(points);
  let j = 0;
  for (let k = 0; k < points; k++) {
    const t = t0 + k * intervalMs;
    const lo = t - intervalMs / 2;
    const hi = t + intervalMs / 2;
    while (j < n && timesMs[j]! < lo) j++;
    let sum = 0;
    let count = 0;
    for (let i = j; i < n && timesMs[i]! < hi; i++) {
      sum += values[i]!;
      count++;
    }
    out[k] = count > 0 ? sum / count : interpolate(series, t, j);
  }
  return out;
}

/** Linear interpolation at t, where `after` is the index of the first sample at or after t. */
function interpolate({ timesMs, values }: TimeSeries, t: number, after: number): number {
  const b = Math.min(after, timesMs.length - 1);
  const a = Math.max(0, b - 1);
  const ta = timesMs[a]!;
  const tb = timesMs[b]!;
  if (tb === ta) return values[a]!;
  return values[a]! + ((values[b]! - values[a]!) * (t - ta)) / (tb - ta);
}

/** Median spacing of the samples: the recording's own step (Prometheus `step`, a CSV's interval). */
export function medianSpacingMs(series: TimeSeries): number {
  const gaps: number[] = [];
  for (let i = 1; i < series.timesMs.length; i++) gaps.push(series.timesMs[i]! - series.timesMs[i - 1]!);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
}
