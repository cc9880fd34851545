import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LatencyHistogram, LATENCY_BUCKETS } from '../../src/simulation/latency-histogram.js';

describe('a latency histogram fed the same percentiles again', () => {
  // Each call added to its own fresh histogram and merged is the plain path with nothing to
  // remember; the same calls into one histogram take the repeat path whenever a call repeats the
  // percentiles before it. Both must hold the same counts, total, largest latency and drops.
  const call = fc.record({
    requests: fc.constantFrom(0, 0.5, 3, 40),
    curve: fc.constantFrom([0.01, 0.02, 0.05], [0.2, 0.9, 4], [1, 20, 45], [0.003, 0.003, 0.003]),
    timeout: fc.constantFrom(Infinity, 30),
  });
  test('over random sequences with runs of repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(call, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 20 }), (runs) => {
        const one = new LatencyHistogram();
        const merged = new LatencyHistogram();
        let droppedOne = 0;
        let droppedMerged = 0;
        for (const [c, times] of runs) {
          for (let i = 0; i < times; i++) {
            const [p50, p90, p99] = c.curve as [number, number, number];
            droppedOne += one.add(c.requests, p50, p90, p99, c.timeout);
            const fresh = new LatencyHistogram();
            droppedMerged += fresh.add(c.requests, p50, p90, p99, c.timeout);
            merged.merge(fresh);
          }
        }
        expect(droppedOne).toBeCloseTo(droppedMerged, 9);
        expect(one.total).toBeCloseTo(merged.total, 9);
        expect(one.max).toBe(merged.max);
        for (let b = 0; b < LATENCY_BUCKETS; b++) expect(one.counts[b]).toBeCloseTo(merged.counts[b]!, 9);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('a latency histogram fed a placement it copied (a quiet node replayed)', () => {
  // addFrom places the points; addPlaced adds the same requests where copyPlacement says they
  // went. The oracle is addFrom itself, called again with the same percentiles on a twin histogram.
  test('adds the counts, total, largest latency and drops addFrom adds, to the bit', () => {
    const percentiles = fc.tuple(fc.double({ min: 1e-5, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }));
    fc.assert(
      fc.property(percentiles, fc.double({ min: 0.001, max: 500, noNaN: true }), fc.constantFrom(Infinity, 30, 0.5), fc.integer({ min: 1, max: 5 }), ([p50, dp90, dp99], requests, timeout, times) => {
        // The placement comes from one histogram; both compared ones start empty, as an
        // interval's histogram does after a sample.
        const source = new LatencyHistogram();
        const args = Float64Array.of(requests, p50, p50 + dp90, p50 + dp90 + dp99, timeout);
        source.addFrom(args, 0);
        const buckets = new Int32Array(12);
        const replayArgs = Float64Array.of(requests, source.copyPlacement(buckets, 0));
        const placed = new LatencyHistogram();
        const plain = new LatencyHistogram();
        for (let i = 0; i < times; i++) {
          placed.addPlaced(replayArgs, 0, buckets, 0);
          plain.addFrom(args, 0);
          expect(placed.dropped).toBe(plain.dropped);
        }
        expect(Array.from(placed.counts)).toEqual(Array.from(plain.counts));
        expect(placed.total).toBe(plain.total);
        expect(placed.max).toBe(plain.max);
      }),
      { numRuns: 300 },
    );
  });
});
