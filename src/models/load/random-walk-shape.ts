import { RandomStreams, standardNormal, type RandomStream } from '../../engine/index.js';
import type { LoadShape } from './load-shape.js';
import type { RandomWalkLoadConfig } from './types.js';
import { HOUR_MS } from './defaults.js';

/**
 * A geometric random walk (see {@link RandomWalkLoadConfig}), linearly interpolated between its
 * grid points. Points are drawn lazily in order from a stream seeded by `config.seed` alone, so
 * the rate at any instant does not depend on which instants were asked before.
 */
export function randomWalkShape(config: RandomWalkLoadConfig): LoadShape {
  const lo = Math.log(config.minRps);
  const hi = Math.log(config.maxRps);
  const sigma = config.volatility * Math.sqrt(config.intervalMs / HOUR_MS);
  const stream: RandomStream = new RandomStreams(config.seed).stream('load:randomWalk');
  const logRates: number[] = [clamp(Math.log(config.startRps), lo, hi)];
  const pointAt = (k: number): number => {
    while (logRates.length <= k) logRates.push(reflect(logRates[logRates.length - 1]! + sigma * standardNormal(stream.next), lo, hi));
    return Math.exp(logRates[k]!);
  };
  return {
    rateAt: (t) => {
      const x = Math.max(0, t) / config.intervalMs;
      const k = Math.floor(x);
      const a = pointAt(k);
      return a + (pointAt(k + 1) - a) * (x - k);
    },
    peakRps: config.maxRps,
  };
}

/** Mirror at the bounds (repeatedly for a step longer than the band), as a reflected random walk. */
export function reflect(x: number, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  let v = x;
  while (v < lo || v > hi) v = v > hi ? 2 * hi - v : 2 * lo - v;
  return v;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** A stable 32-bit seed from a name (FNV-1a), so a walk's default path follows its workload. */
export function seedFromName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
