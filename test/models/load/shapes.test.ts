import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { loadShapeFor, weeklyShape } from '../../../src/models/load/shapes.js';
import { randomWalkShape, reflect } from '../../../src/models/load/random-walk-shape.js';
import { replayShape } from '../../../src/models/load/replay-shape.js';
import type { RandomWalkLoadConfig, ReplayLoadConfig } from '../../../src/models/load/types.js';

const H = 3_600_000;
const D = 24 * H;

describe('weekly shape', () => {
  // Diurnal min 100, max 300, peak 12:00: 300 at noon, 100 at midnight (12 h from the peak).
  // Weekend factor 0.5 halves Saturday (weekday 5) and Sunday (weekday 6).
  test.each([
    { name: 'Monday noon is the weekday peak', startDay: 0, t: 12 * H, want: 300 },
    { name: 'Friday noon is still a weekday', startDay: 0, t: 4 * D + 12 * H, want: 300 },
    { name: 'Saturday noon is halved', startDay: 0, t: 5 * D + 12 * H, want: 150 },
    { name: 'Sunday midnight is the halved trough', startDay: 0, t: 6 * D, want: 50 },
    { name: 'the next Monday is a weekday again', startDay: 0, t: 7 * D + 12 * H, want: 300 },
    { name: 'a Friday start makes day 1 a Saturday', startDay: 4, t: D + 12 * H, want: 150 },
  ])('$name', ({ startDay, t, want }) => {
    expect(weeklyShape(100, 300, 12 * H, 0.5, startDay).rateAt(t)).toBeCloseTo(want, 9);
  });
});

describe('replay shape', () => {
  const base: ReplayLoadConfig = { type: 'replay', intervalMs: 60_000, rps: [0, 10, 20], shiftMs: 0, loop: true, source: 'test', noise: 'none' };
  // Grid 0 / 10 / 20 at 0, 60, 120 s; the loop period is 3 x 60 s and the last point leads back to the first.
  test.each([
    { name: 'half way between the first two points', config: base, t: 30_000, want: 5 },
    { name: 'half way from the last point back to the first (loop)', config: base, t: 150_000, want: 10 },
    { name: 'one period later is the start again', config: base, t: 180_000, want: 0 },
    { name: 'a 60 s shift starts the recording 60 s in', config: { ...base, shiftMs: 60_000 }, t: 60_000, want: 0 },
    { name: 'before the shifted start the loop shows the tail', config: { ...base, shiftMs: 60_000 }, t: 0, want: 20 },
    { name: 'without loop the last value holds', config: { ...base, loop: false }, t: 500_000, want: 20 },
    { name: 'without loop the first value holds before the start', config: { ...base, loop: false, shiftMs: 60_000 }, t: 0, want: 0 },
  ])('$name', ({ config, t, want }) => {
    expect(replayShape(config).rateAt(t)).toBeCloseTo(want, 9);
  });

  test('the peak is the largest recorded point', () => {
    expect(replayShape(base).peakRps).toBe(20);
  });
});

describe('random walk shape', () => {
  const walk: RandomWalkLoadConfig = { type: 'randomWalk', startRps: 100, minRps: 20, maxRps: 400, volatility: 0.5, intervalMs: 300_000, seed: 7, noise: 'none' };

  test.each([
    { name: 'above the top mirrors down', x: 5, want: 3 },
    { name: 'below the bottom mirrors up', x: -1, want: 1 },
    { name: 'a step longer than the band mirrors twice', x: 10, want: 2 },
    { name: 'inside the band is unchanged', x: 2.5, want: 2.5 },
  ])('reflect: $name', ({ x, want }) => {
    expect(reflect(x, 0, 4)).toBe(want);
  });

  test('zero volatility stays at the start rate', () => {
    const s = randomWalkShape({ ...walk, volatility: 0 });
    for (const t of [0, 1e6, 1e8]) expect(s.rateAt(t)).toBeCloseTo(100, 9);
  });

  test('the same seed gives the same path whatever order it is asked in', () => {
    const times = [0, 3e6, 7.2e6, 4e7, 8.64e7];
    const forward = randomWalkShape(walk);
    const backward = randomWalkShape(walk);
    const a = times.map((t) => forward.rateAt(t));
    const b = [...times].reverse().map((t) => backward.rateAt(t)).reverse();
    expect(a).toEqual(b);
    expect(randomWalkShape({ ...walk, seed: 8 }).rateAt(8.64e7)).not.toBe(a[4]);
  });

  test('log-rate steps have standard deviation volatility x sqrt(interval / 1 h)', () => {
    // 15 min steps at volatility 0.6: sigma = 0.6 x sqrt(0.25) = 0.3. Bounds far away so no reflection.
    // With 4000 steps the sample standard deviation is within 0.3 / sqrt(2 x 4000) ~ 0.0034 (1 sd).
    const s = randomWalkShape({ ...walk, startRps: 1, minRps: 1e-30, maxRps: 1e30, volatility: 0.6, intervalMs: 900_000 });
    const steps: number[] = [];
    for (let k = 0; k < 4000; k++) steps.push(Math.log(s.rateAt((k + 1) * 900_000)) - Math.log(s.rateAt(k * 900_000)));
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    const sd = Math.sqrt(steps.reduce((a, b) => a + (b - mean) ** 2, 0) / (steps.length - 1));
    expect(sd).toBeGreaterThan(0.285);
    expect(sd).toBeLessThan(0.315);
  });

  test('property: the rate stays within [minRps, maxRps]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: 0, max: 1e9 }), (seed, volatility, t) => {
        const r = randomWalkShape({ ...walk, seed, volatility }).rateAt(t);
        return r >= walk.minRps - 1e-9 && r <= walk.maxRps + 1e-9;
      }),
      { numRuns: 200 },
    );
  });
});

describe('registry', () => {
  test('loadShapeFor picks the shape by type', () => {
    expect(loadShapeFor({ type: 'weekly', minRps: 10, maxRps: 10, peakAtMs: 0, weekendFactor: 0.1, startDay: 5, noise: 'none' }).rateAt(0)).toBeCloseTo(1, 12);
    expect(loadShapeFor({ type: 'replay', intervalMs: 1000, rps: [4, 8], shiftMs: 0, loop: false, source: 'x', noise: 'none' }).rateAt(500)).toBe(6);
  });
});
