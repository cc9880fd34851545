import type { LoadConfig } from './types.js';
import type { LoadShape } from './load-shape.js';
import { DAY_MS } from './defaults.js';
import { randomWalkShape } from './random-walk-shape.js';
import { replayShape } from './replay-shape.js';

/** Constant rate. */
export function constantShape(rps: number): LoadShape {
  return { rateAt: () => rps, peakRps: rps };
}

/**
 * A daily cosine between `minRps` (12 h from the peak) and `maxRps` (at `peakAtMs` each day):
 * rate = min + (max - min) * (1 + cos(2 pi (t - peak) / 24 h)) / 2.
 */
export function diurnalShape(minRps: number, maxRps: number, peakAtMs: number): LoadShape {
  const amplitude = maxRps - minRps;
  return {
    rateAt: (t) => minRps + (amplitude * (1 + Math.cos((2 * Math.PI * (t - peakAtMs)) / DAY_MS))) / 2,
    peakRps: Math.max(minRps, maxRps),
  };
}

/**
 * The diurnal cosine times `weekendFactor` on Saturday and Sunday. Day d of the simulation
 * (d = floor(t / 24 h)) is weekday (startDay + d) mod 7 with 0 = Monday, so 5 and 6 are the weekend.
 */
export function weeklyShape(minRps: number, maxRps: number, peakAtMs: number, weekendFactor: number, startDay: number): LoadShape {
  const daily = diurnalShape(minRps, maxRps, peakAtMs);
  return {
    rateAt: (t) => {
      const weekday = (((startDay + Math.floor(t / DAY_MS)) % 7) + 7) % 7;
      return weekday >= 5 ? daily.rateAt(t) * weekendFactor : daily.rateAt(t);
    },
    peakRps: Math.max(daily.peakRps, daily.peakRps * weekendFactor),
  };
}

/** Piecewise constant: each step's rate holds from its `atMs` until the next step (0 before the first). */
export function stepShape(steps: readonly { atMs: number; rps: number }[]): LoadShape {
  return {
    rateAt: (t) => {
      let rate = 0;
      for (const s of steps) if (s.atMs <= t) rate = s.rps;
      return rate;
    },
    peakRps: Math.max(0, ...steps.map((s) => s.rps)),
  };
}

/** Linear from `fromRps` at `startMs` to `toRps` at `endMs`, flat outside. */
export function rampShape(fromRps: number, toRps: number, startMs: number, endMs: number): LoadShape {
  const span = Math.max(1, endMs - startMs);
  return {
    rateAt: (t) => (t <= startMs ? fromRps : t >= endMs ? toRps : fromRps + ((toRps - fromRps) * (t - startMs)) / span),
    peakRps: Math.max(fromRps, toRps),
  };
}

/** A flash crowd: `peakRps` for `durationMs` from `atMs`, `baseRps` otherwise. */
export function spikeShape(baseRps: number, peakRps: number, atMs: number, durationMs: number): LoadShape {
  return {
    rateAt: (t) => (t >= atMs && t < atMs + durationMs ? peakRps : baseRps),
    peakRps: Math.max(baseRps, peakRps),
  };
}

/** The shape a resolved load config names (the registry of shapes by `type`). */
export function loadShapeFor(config: LoadConfig): LoadShape {
  switch (config.type) {
    case 'constant':
      return constantShape(config.rps);
    case 'diurnal':
      return diurnalShape(config.minRps, config.maxRps, config.peakAtMs);
    case 'weekly':
      return weeklyShape(config.minRps, config.maxRps, config.peakAtMs, config.weekendFactor, config.startDay);
    case 'step':
      return stepShape(config.steps);
    case 'ramp':
      return rampShape(config.fromRps, config.toRps, config.startMs, config.endMs);
    case 'spike':
      return spikeShape(config.baseRps, config.peakRps, config.atMs, config.durationMs);
    case 'randomWalk':
      return randomWalkShape(config);
    case 'replay':
      return replayShape(config);
  }
}
