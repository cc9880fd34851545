import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LatencyHistogram, LATENCY_BUCKETS } from '../../src/simulation/latency-histogram.js';

// A call's curve is piecewise linear in the quantile through its corners: half the requests below
// p50, 40 % between p50 and p90, 9 % between p90 and p99. Its quantile at 0.5, 0.9 and 0.99 is
// therefore the p50, p90 and p99 it was given, by construction; the histogram's points sit a sixth
// of a piece either side of each corner, so each of those readings falls in a gap between buckets.
const curves: readonly { name: string; p50: number; p90: number; p99: number }[] = [
  { name: 'a moderate tail (10, 20, 40 ms)', p50: 0.01, p90: 0.02, p99: 0.04 },
  { name: 'a throttled tail (16.6, 200, 427 ms)', p50: 0.0166, p90: 0.2, p99: 0.427 },
  { name: 'a narrow body, long tail (2, 3, 50 ms)', p50: 0.002, p90: 0.003, p99: 0.05 },
];

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('a latency histogram read at a gap between two buckets', () => {
  for (const c of curves) {
    test(`one call with ${c.name} reads back its own p50, p90 and p99`, () => {
      const h = new LatencyHistogram();
      h.add(40, c.p50, c.p90, c.p99);
      expect(relativeGap(h.quantile(0.5)!, c.p50)).toBeLessThan(1e-12);
      expect(relativeGap(h.quantile(0.9)!, c.p90)).toBeLessThan(1e-12);
      expect(relativeGap(h.quantile(0.99)!, c.p99)).toBeLessThan(1e-12);
    });
  }

  test('the order and grouping of the additions does not choose the side of the gap', () => {
    // The same requests with the same curve, split into parts added one after another, or each
    // into its own histogram and merged: the sums differ in their last bits, the readings must not
    // jump across a gap (a sixth of a piece either way).
    const split = fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom(...curves), split, fc.boolean(), (c, parts, merged) => {
        const whole = new LatencyHistogram();
        whole.add(
          parts.reduce((a, b) => a + b, 0),
          c.p50,
          c.p90,
          c.p99,
        );
        const pieces = new LatencyHistogram();
        for (const r of parts) {
          if (merged) {
            const one = new LatencyHistogram();
            one.add(r, c.p50, c.p90, c.p99);
            pieces.merge(one);
          } else pieces.add(r, c.p50, c.p90, c.p99);
        }
        for (const q of [0.5, 0.9, 0.99]) expect(relativeGap(pieces.quantile(q)!, whole.quantile(q)!)).toBeLessThan(1e-9);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('a reading inside a bucket is that bucket, as before', () => {
    // 30 requests with (10, 20, 40) ms and 10 with (100, 200, 400) ms: every point of the first
    // lies below every point of the second (56.7 ms against 58.3 ms). The median's 20 requests are
    // reached inside the first curve's p50..p90 piece, whose points (11.7, 15, 18.3 ms) hold 4
    // requests each after its lower piece's 15: at the 15 ms point (23 > 20).
    const h = new LatencyHistogram();
    h.add(30, 0.01, 0.02, 0.04);
    h.add(10, 0.1, 0.2, 0.4);
    expect(relativeGap(h.quantile(0.5)!, 0.015)).toBeLessThan(0.025);
  });
});

describe('a latency histogram reset', () => {
  test('holds nothing after a reset, whatever was added and merged', () => {
    const h = new LatencyHistogram();
    h.add(5, 0.0002, 0.001, 0.3);
    const other = new LatencyHistogram();
    other.add(7, 2, 30, 600);
    h.merge(other);
    h.reset();
    expect(h.total).toBe(0);
    expect(h.quantile(0.5)).toBeNull();
    for (let b = 0; b < LATENCY_BUCKETS; b++) expect(h.counts[b]).toBe(0);
    // And reads what is added next as a fresh histogram does.
    h.add(3, 0.01, 0.02, 0.04);
    const fresh = new LatencyHistogram();
    fresh.add(3, 0.01, 0.02, 0.04);
    expect(Array.from(h.counts)).toEqual(Array.from(fresh.counts));
    expect(h.quantile(0.99)).toBe(fresh.quantile(0.99));
  });
});
