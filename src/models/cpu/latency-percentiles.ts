/**
 * Latency percentiles of a node case (model and real runs use this same function so the numbers
 * are comparable): linear interpolation between order statistics (d3-array `quantileSorted`, R-7).
 */
import { quantileSorted } from 'd3-array';

/** p50/p90/p99 in ms of latencies given in seconds; null when there are none. */
export function latencyPercentilesMs(latenciesSeconds: ArrayLike<number>): { p50: number; p90: number; p99: number } | null {
  if (latenciesSeconds.length === 0) return null;
  const sorted = Float64Array.from(latenciesSeconds).sort();
  const arr = Array.from(sorted);
  const q = (p: number): number => round3((quantileSorted(arr, p) ?? 0) * 1000);
  return { p50: q(0.5), p90: q(0.9), p99: q(0.99) };
}

/** Rounds to 3 decimals (µs resolution for ms values) so reports stay stable. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
