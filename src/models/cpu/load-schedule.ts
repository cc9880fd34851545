/**
 * Deterministic load schedules of a node case, shared by the model and the real-kernel harness so
 * both see the same arrivals and the same per-request CPU (seeded `seedrandom`, container i uses
 * seed + i unless its load has a seed).
 */
import seedrandom from 'seedrandom';
import type { PeriodicLoad, PoissonLoad } from './node-case.js';
import { sampleCpu } from './cpu-distribution.js';
import { exponential } from '../../engine/distributions.js';

/** Arrival times (s from the window start) and CPU per request (s) of a Poisson load. */
export interface PoissonSchedule {
  readonly arrivals: Float64Array;
  readonly cpuSeconds: Float64Array;
}

/** Open-loop Poisson arrivals in [0, duration) with their CPU demand. */
export function poissonSchedule(load: PoissonLoad, seed: number, durationSeconds: number): PoissonSchedule {
  const rng = seedrandom(`poisson:${seed}`);
  const times: number[] = [];
  const cpu: number[] = [];
  const mean = load.cpu_ms / 1000;
  let t = load.rate_per_s > 0 ? exponential(rng, 1 / load.rate_per_s) : Infinity;
  while (t < durationSeconds) {
    times.push(t);
    cpu.push(sampleCpu(rng, load.dist, mean, load.cv ?? 1));
    t += exponential(rng, 1 / load.rate_per_s);
  }
  return { arrivals: Float64Array.from(times), cpuSeconds: Float64Array.from(cpu) };
}

/**
 * First release offset (s) of each thread of a periodic load: `aligned` all at 0, `spread` evenly
 * over the period, `random` uniform in the period.
 */
export function periodicOffsets(load: PeriodicLoad, seed: number): Float64Array {
  const period = load.period_ms / 1000;
  const out = new Float64Array(load.threads);
  const rng = seedrandom(`periodic:${seed}`);
  for (let j = 0; j < load.threads; j++) {
    out[j] = load.stagger === 'aligned' ? 0 : load.stagger === 'spread' ? (j * period) / load.threads : rng() * period;
  }
  return out;
}
