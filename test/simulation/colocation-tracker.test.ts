import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ColocationTracker } from '../../src/simulation/colocation-tracker.js';

const W = 4;
const fresh = () => ({ podSeconds: new Float64Array(W), withSeconds: Array.from({ length: W }, () => new Float64Array(W)) });

describe('ColocationTracker', () => {
  test('a pod of a beside two pods of b on one node for 3 steps of 15 s, then b alone for 1', () => {
    const c = fresh();
    const t = new ColocationTracker(c, W, 15);
    const both = { pods: Int32Array.of(1, 2, 3), workloads: Int32Array.of(0, 1, 1) };
    for (let i = 0; i < 3; i++) t.observe(0, both.pods, both.workloads, 3);
    t.observe(0, Int32Array.of(2), Int32Array.of(1), 1);
    t.settle();
    // a: 45 s, beside itself and b for all of it. b: two pods x 45 s + one x 15 s = 105 s; beside a
    // 2 x 45 s; beside itself 105 s.
    expect(c.podSeconds[0]).toBe(45);
    expect(c.withSeconds[0]![1]).toBe(45);
    expect(c.podSeconds[1]).toBe(105);
    expect(c.withSeconds[1]![0]).toBe(90);
    expect(c.withSeconds[1]![1]).toBe(105);
  });

  test('nothing is added before settle or a change: the totals wait', () => {
    const c = fresh();
    const t = new ColocationTracker(c, W, 15);
    t.observe(0, Int32Array.of(5), Int32Array.of(2), 1);
    t.observe(0, Int32Array.of(5), Int32Array.of(2), 1);
    expect(c.podSeconds[2]).toBe(0);
    t.vacate(0);
    expect(c.podSeconds[2]).toBe(30);
  });

  test('a slot reused by another workload is a change, though the slot number is the same', () => {
    const c = fresh();
    const t = new ColocationTracker(c, W, 15);
    t.observe(0, Int32Array.of(7), Int32Array.of(0), 1);
    t.observe(0, Int32Array.of(7), Int32Array.of(3), 1);
    t.settle();
    expect([c.podSeconds[0], c.podSeconds[3]]).toEqual([15, 15]);
  });

  test('a node that grows past the room it had still adds what it held before', () => {
    // 2 steps of one pod of workload 2 (15 s each), then 10 pods of b: the lists grow past their first 8
    // slots, and its 30 s must survive the growth.
    const c = fresh();
    const t = new ColocationTracker(c, W, 15);
    t.observe(0, Int32Array.of(1), Int32Array.of(2), 1);
    t.observe(0, Int32Array.of(1), Int32Array.of(2), 1);
    const ten = Int32Array.from({ length: 10 }, (_, i) => 10 + i);
    t.observe(0, ten, new Int32Array(10).fill(1), 10);
    t.settle();
    expect(c.podSeconds[2]).toBe(30);
    expect(c.podSeconds[0]).toBe(0);
    expect(c.podSeconds[1]).toBe(150);
    expect(c.withSeconds[1]![1]).toBe(150);
  });

  test('over random sequences of node contents it gives what adding every step gives', () => {
    const podOnNode = fc.record({ slot: fc.integer({ min: 0, max: 5 }), workload: fc.integer({ min: 0, max: W - 1 }) });
    // Each step: per node (3 nodes), its pods or null for a node that is not running.
    const step = fc.array(fc.option(fc.array(podOnNode, { maxLength: 4 }), { nil: null }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const viaTracker = fresh();
        const byHand = fresh();
        const t = new ColocationTracker(viaTracker, W, 15);
        for (const nodes of steps) {
          nodes.forEach((pods, n) => {
            if (pods === null) return t.vacate(n);
            t.observe(n, Int32Array.from(pods, (p) => p.slot), Int32Array.from(pods, (p) => p.workload), pods.length);
            const present = new Set(pods.map((p) => p.workload));
            for (const p of pods) {
              byHand.podSeconds[p.workload]! += 15;
              for (const o of present) byHand.withSeconds[p.workload]![o]! += 15;
            }
          });
        }
        t.settle();
        expect(Array.from(viaTracker.podSeconds)).toEqual(Array.from(byHand.podSeconds));
        for (let w = 0; w < W; w++) expect(Array.from(viaTracker.withSeconds[w]!)).toEqual(Array.from(byHand.withSeconds[w]!));
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  test("repeat() counts one step more on every node, as observing each node's same pods again does", () => {
    // Steps as above, or a repeat of the last one (a whole step replayed, repeated-step.ts): the
    // hand sums add the last step's contents again, a node that was not running adding nothing.
    const podOnNode = fc.record({ slot: fc.integer({ min: 0, max: 5 }), workload: fc.integer({ min: 0, max: W - 1 }) });
    const nodes = fc.array(fc.option(fc.array(podOnNode, { maxLength: 4 }), { nil: null }), { minLength: 3, maxLength: 3 });
    const step = fc.oneof(nodes, fc.constant('repeat' as const));
    let repeats = 0;
    fc.assert(
      fc.property(fc.tuple(nodes, fc.array(step, { maxLength: 30 })), ([first, rest]) => {
        const viaTracker = fresh();
        const byHand = fresh();
        const t = new ColocationTracker(viaTracker, W, 15);
        let last = first;
        const add = (contents: typeof first): void => {
          for (const pods of contents) {
            if (pods === null) continue;
            const present = new Set(pods.map((p) => p.workload));
            for (const p of pods) {
              byHand.podSeconds[p.workload]! += 15;
              for (const o of present) byHand.withSeconds[p.workload]![o]! += 15;
            }
          }
        };
        for (const s of [first, ...rest]) {
          if (s === 'repeat') {
            repeats++;
            t.repeat();
            add(last);
            continue;
          }
          s.forEach((pods, n) => (pods === null ? t.vacate(n) : t.observe(n, Int32Array.from(pods, (p) => p.slot), Int32Array.from(pods, (p) => p.workload), pods.length)));
          add(s);
          last = s;
        }
        t.settle();
        expect(Array.from(viaTracker.podSeconds)).toEqual(Array.from(byHand.podSeconds));
        for (let w = 0; w < W; w++) expect(Array.from(viaTracker.withSeconds[w]!)).toEqual(Array.from(byHand.withSeconds[w]!));
      }),
      { seed: 6, numRuns: 300 },
    );
    expect(repeats).toBeGreaterThan(100);
  });
});
