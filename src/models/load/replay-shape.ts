import type { LoadShape } from './load-shape.js';
import type { ReplayLoadConfig } from './types.js';

/**
 * Replays a recorded rate grid (see {@link ReplayLoadConfig}). Simulated time t reads the
 * recording at u = t - shiftMs; with `loop` u wraps modulo the recording's length n x interval
 * (the last point interpolates back to the first), without it u is held at the first or last point.
 */
export function replayShape(config: ReplayLoadConfig): LoadShape {
  const { rps, intervalMs, shiftMs, loop } = config;
  const n = rps.length;
  const periodMs = n * intervalMs;
  let peak = 0;
  for (const v of rps) if (v > peak) peak = v;
  return {
    rateAt: (t) => {
      if (n === 0) return 0;
      let u = t - shiftMs;
      if (loop) u = ((u % periodMs) + periodMs) % periodMs;
      else if (u <= 0) return rps[0]!;
      else if (u >= (n - 1) * intervalMs) return rps[n - 1]!;
      const x = u / intervalMs;
      const k = Math.floor(x);
      const a = rps[k]!;
      const b = rps[(k + 1) % n]!;
      return a + (b - a) * (x - k);
    },
    peakRps: peak,
  };
}
