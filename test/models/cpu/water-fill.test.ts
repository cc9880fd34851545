import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createWaterFillScratch, waterFill } from '../../../src/models/cpu/water-fill.js';

function fill(weights: number[], caps: number[], capacity: number): number[] {
  const out = new Float64Array(weights.length);
  waterFill(Float64Array.from(weights), Float64Array.from(caps), weights.length, capacity, out, createWaterFillScratch(weights.length));
  return Array.from(out);
}

describe('waterFill', () => {
  test.each([
    // λ = 2/(1024+512); a = 1024·λ = 4/3, 512·λ = 2/3 (docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling, no cap binds)
    { name: 'two busy groups 1024:512 split 2 cores 4/3 : 2/3', w: [1024, 512], u: [8, 8], R: 2, want: [4 / 3, 2 / 3] },
    // 1024·λ = 4/3 > cap 1 → capped at 1; the other gets the remaining 1 core
    { name: 'one thread each gets one core each', w: [1024, 512], u: [1, 1], R: 2, want: [1, 1] },
    // docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling: 1 thread at 1024 next to 4 threads at 512 on 2 cores → about 1 core each
    { name: 'one thread at 1024 next to four threads at 512', w: [1024, 512], u: [1, 4], R: 2, want: [1, 1] },
    // idle entity (cap 0) reserves nothing: same split as without it
    { name: 'idle high-weight entity leaves its share', w: [1024, 512, 8192], u: [8, 8, 0], R: 2, want: [4 / 3, 2 / 3, 0] },
    // Σ caps = 1.5 ≤ 2 → everyone gets its cap
    { name: 'caps that fit are granted', w: [2, 1024], u: [0.5, 1], R: 2, want: [0.5, 1] },
    // λ = 3/6 = 0.5: a = 1, 0.5·2 = 1 but cap 0.4, so re-fill: λ = 2.6/4, a = [0.65, 0.4, 1.95]
    { name: 'a capped entity passes its excess on by weight', w: [1, 2, 3], u: [9, 0.4, 9], R: 3, want: [0.65, 0.4, 1.95] },
  ])('$name', ({ w, u, R, want }) => {
    const got = fill(w, u, R);
    got.forEach((g, k) => expect(g).toBeCloseTo(want[k]!, 9));
  });

  test('conserves capacity and respects caps (property)', () => {
    const entity = fc.record({
      w: fc.double({ min: 2, max: 262144, noNaN: true }),
      u: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 16, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(entity, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 64, noNaN: true }), (es, R) => {
        const got = fill(es.map((e) => e.w), es.map((e) => e.u), R);
        const sumCaps = es.reduce((s, e) => s + e.u, 0);
        const total = got.reduce((s, g) => s + g, 0);
        got.forEach((g, k) => {
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual(es[k]!.u + 1e-9);
        });
        // work-conserving: hands out min(R, Σ caps)
        expect(total).toBeCloseTo(Math.min(R, sumCaps), 6);
      }),
    );
  });
});
