import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { paretoFrontier } from '../../src/sweep/pareto-frontier.js';

describe('paretoFrontier', () => {
  test('a hand-built set: the dominated points drop out, ties on both axes stay', () => {
    const items = [
      { id: 0, cost: 1, quality: 5 }, // cheapest: on the frontier
      { id: 1, cost: 2, quality: 3 }, // better quality than 0: on
      { id: 2, cost: 3, quality: 3 }, // dominated by 1 (dearer, same quality)
      { id: 3, cost: 3, quality: 1 }, // better quality than 1: on
      { id: 4, cost: 4, quality: 2 }, // dominated by 3
      { id: 5, cost: 1, quality: 6 }, // dominated by 0 (same cost, worse quality)
      { id: 6, cost: 2, quality: 3 }, // equal to 1 on both axes: neither dominates, both on
      { id: 7, cost: 5, quality: 1 }, // dominated by 3 (dearer, same quality)
    ];
    expect(paretoFrontier(items)).toEqual([0, 1, 6, 3]);
  });

  test('empty in, empty out', () => {
    expect(paretoFrontier([])).toEqual([]);
  });

  test('agrees with the definition checked pair by pair', () => {
    const item = fc.record({ cost: fc.integer({ min: 0, max: 8 }), quality: fc.integer({ min: 0, max: 8 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (raw) => {
        const items = raw.map((x, id) => ({ id, ...x }));
        const dominated = (a: (typeof items)[number]) => items.some((b) => b.cost <= a.cost && b.quality <= a.quality && (b.cost < a.cost || b.quality < a.quality));
        const expected = items.filter((a) => !dominated(a)).map((a) => a.id);
        expect([...paretoFrontier(items)].sort((a, b) => a - b)).toEqual(expected);
      }),
    );
  });
});
