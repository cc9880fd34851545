import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { expandGrid, gridSize } from '../../src/sweep/expand-grid.js';
import { expandPoints } from '../../src/sweep/expand-points.js';
import { rangeValues } from '../../src/sweep/range-values.js';
import { sampleRandom } from '../../src/sweep/sample-random.js';
import type { SweepSpec } from '../../src/sweep/types.js';

describe('expandGrid', () => {
  test('two parameters give every combination, the first varying slowest', () => {
    // Nested loops "for a of [1, 2]: for b of [x, y, z]": 2 x 3 = 6 combinations in this order.
    const grid = [
      { path: 'a', values: [1, 2] },
      { path: 'b', values: ['x', 'y', 'z'] },
    ];
    expect(expandGrid(grid)).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
    expect(gridSize(grid)).toBe(6);
  });

  test.each([
    { name: 'no parameters is one empty combination', grid: [], count: 1 },
    { name: '4 maxReplicas values', grid: [{ path: 'm', values: [10, 15, 20, 30] }], count: 4 },
    // 4 x 5 x 3 = 60
    { name: 'three parameters multiply', grid: [{ path: 'a', values: [1, 2, 3, 4] }, { path: 'b', values: [1, 2, 3, 4, 5] }, { path: 'c', values: [1, 2, 3] }], count: 60 },
  ])('$name', ({ grid, count }) => {
    expect(expandGrid(grid)).toHaveLength(count);
    expect(gridSize(grid)).toBe(count);
  });
});

describe('rangeValues', () => {
  test.each([
    { name: 'both ends included', from: 10, to: 40, step: 10, suffix: '', values: [10, 20, 30, 40] },
    { name: 'to off the step grid is dropped', from: 10, to: 35, step: 10, suffix: '', values: [10, 20, 30] },
    // 0.1 + 2 x 0.1 is 0.30000000000000004 in floating point; the range must say 0.3 and keep it.
    { name: 'float steps do not drift', from: 0.1, to: 0.3, step: 0.1, suffix: '', values: [0.1, 0.2, 0.3] },
    { name: 'a suffix makes quantities', from: 200, to: 800, step: 300, suffix: 'm', values: ['200m', '500m', '800m'] },
    { name: 'a single value', from: 5, to: 5, step: 1, suffix: '', values: [5] },
  ])('$name', ({ from, to, step, suffix, values }) => {
    expect(rangeValues(from, to, step, suffix)).toEqual({ ok: true, values });
  });

  test('to below from is refused', () => {
    expect(rangeValues(40, 10, 1).ok).toBe(false);
  });
});

describe('sampleRandom', () => {
  const parameters = [
    { path: 'u', range: { kind: 'uniform' as const, min: 50, max: 90, integer: true, suffix: '' } },
    { path: 'c', range: { kind: 'choice' as const, values: ['200m', '500m'] } },
    { path: 'r', range: { kind: 'uniform' as const, min: 0.5, max: 0.9, integer: false, suffix: '' } },
  ];

  test('the same sampler seed gives the same samples; another seed other samples', () => {
    expect(sampleRandom(20, 3, parameters)).toEqual(sampleRandom(20, 3, parameters));
    expect(sampleRandom(20, 3, parameters)).not.toEqual(sampleRandom(20, 4, parameters));
  });

  test('every draw lies in its range, whole where asked, choices among the values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 30 }), (seed, count) => {
        const samples = sampleRandom(count, seed, parameters);
        expect(samples).toHaveLength(count);
        for (const s of samples) {
          const u = s.u as number;
          expect(Number.isInteger(u) && u >= 50 && u <= 90).toBe(true);
          expect(['200m', '500m']).toContain(s.c);
          expect((s.r as number) >= 0.5 && (s.r as number) <= 0.9).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  test('integer draws reach both ends of the range', () => {
    // 2,000 draws from 11 values: missing one end has probability about 2 x (10/11)^2000, i.e. never.
    const values = sampleRandom(2000, 1, [{ path: 'x', range: { kind: 'uniform', min: 0, max: 10, integer: true, suffix: '' } }]).map((s) => s.x);
    expect(values).toContain(0);
    expect(values).toContain(10);
  });
});

describe('expandPoints', () => {
  const spec: SweepSpec = {
    grid: [{ path: 'workloads.payments.hpa.maxReplicas', values: [10, 15, 20, 30] }],
    random: null,
    seeds: [42, 43, 44],
    quality: 'unrelated.throttledRatio.p95',
  };

  test('configurations cross seeds, configuration-major: point k is configuration floor(k / 3), seed 42 + k mod 3', () => {
    const { configurations, points } = expandPoints(spec);
    // 4 values x 3 seeds = 12 points.
    expect(configurations).toHaveLength(4);
    expect(points).toHaveLength(12);
    // Point 7: configuration floor(7 / 3) = 2 (maxReplicas 20), seed 42 + (7 mod 3) = 43.
    expect(points[7]).toEqual({ index: 7, configuration: 2, seed: 43, values: { 'workloads.payments.hpa.maxReplicas': 20 } });
    expect(points.map((p) => p.index)).toEqual([...Array(12).keys()]);
  });

  test('random samples cross the grid, grid outer: 4 grid values x 5 samples x 3 seeds = 60 points', () => {
    const withRandom: SweepSpec = { ...spec, random: { count: 5, seed: 1, parameters: [{ path: 'cpu', range: { kind: 'choice', values: ['200m', '500m'] } }] } };
    const { configurations, points } = expandPoints(withRandom);
    expect(configurations).toHaveLength(20);
    expect(points).toHaveLength(60);
    // Configurations 0..4 share the first grid value and take samples 0..4 in order.
    const samples = sampleRandom(5, 1, withRandom.random!.parameters);
    expect(configurations.slice(0, 5)).toEqual(samples.map((s) => ({ 'workloads.payments.hpa.maxReplicas': 10, ...s })));
    expect(configurations[5]!['workloads.payments.hpa.maxReplicas']).toBe(15);
  });
});
