import type { LoadNoise, ReplayLoadConfig } from './types.js';
import type { TimeSeries } from './time-series.js';
import { medianSpacingMs, resampleSeries } from './resample-series.js';

/** How a recorded series becomes a request rate. */
export interface RecordedLoadOptions {
  /** What the values are: requests per second, or CPU cores used (a CPU-usage trace). */
  readonly quantity: 'requestRate' | 'cpuUsage';
  /** Grid step; null = the recording's median spacing. */
  readonly intervalMs: number | null;
  /** Multiplier on the request rate (1.5 = 50 % more traffic). */
  readonly scale: number;
  /** For `cpuUsage`: CPU time one request costs, ms. */
  readonly cpuPerRequestMs: number;
  /** For `cpuUsage`: cores used with no traffic, subtracted before converting. */
  readonly baselineCores: number;
  readonly shiftMs: number;
  readonly loop: boolean;
  readonly source: string;
  readonly noise: LoadNoise;
}

/**
 * Turns a recording into a replayed load. A CPU-usage trace becomes requests/s by
 * rps = max(0, cores - baselineCores) / (cpuPerRequestMs / 1000): the CPU the requests used
 * divided by what one request costs (so replaying it on the same service reproduces the CPU).
 */
export function recordedLoad(series: TimeSeries, options: RecordedLoadOptions): ReplayLoadConfig {
  const intervalMs = options.intervalMs ?? Math.max(1, medianSpacingMs(series));
  const grid = resampleSeries(series, intervalMs);
  const perRequestSeconds = options.cpuPerRequestMs / 1000;
  const rps = grid.map((v) => {
    const rate = options.quantity === 'cpuUsage' ? Math.max(0, v - options.baselineCores) / perRequestSeconds : Math.max(0, v);
    return rate * options.scale;
  });
  return { type: 'replay', intervalMs, rps, shiftMs: options.shiftMs, loop: options.loop, source: options.source, noise: options.noise };
}
