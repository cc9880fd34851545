import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeBurstCores } from '../../../src/models/cpu/burst-cores.js';
import { splitNodeCpu } from '../../../src/models/cpu/split-node-cpu.js';
import { createWaterFillScratch, waterFill } from '../../../src/models/cpu/water-fill.js';
import { buildNode, type BuildNode } from './build-node.js';

function split(d: BuildNode): number[] {
  const { state, scratch } = buildNode(d);
  splitNodeCpu(state, scratch);
  return Array.from(state.received.subarray(0, state.containerCount));
}

describe('splitNodeCpu on a 2-core node', () => {
  test.each([
    {
      // 1024:512 with 8 busy threads each: λ = 2/1536 → 4/3 and 2/3 core
      name: 'two pods 1024:512 with many busy threads get 4/3 and 2/3 core',
      node: { cores: 2, pods: [{ containers: [{ shares: 1024, demand: 8 }] }, { containers: [{ shares: 512, demand: 8 }] }] },
      want: [4 / 3, 2 / 3],
    },
    {
      // caps of 1 thread each bind before the weights do
      name: 'two pods with one busy thread each get one core each',
      node: { cores: 2, pods: [{ containers: [{ shares: 1024, demand: 1 }] }, { containers: [{ shares: 512, demand: 1 }] }] },
      want: [1, 1],
    },
    {
      // limit 0.5 core caps the big pod; the other takes the rest (1.5 of its 4 threads)
      name: 'a pod capped at its limit',
      node: { cores: 2, pods: [{ containers: [{ shares: 4096, demand: 4, limit: 0.5 }] }, { containers: [{ shares: 512, demand: 4 }] }] },
      want: [0.5, 1.5],
    },
    {
      // an idle pod with 8192 shares does not change the 4/3 : 2/3 split of the busy ones
      name: 'an idle pod leaves its share to others',
      node: {
        cores: 2,
        pods: [
          { containers: [{ shares: 1024, demand: 8 }] },
          { containers: [{ shares: 512, demand: 8 }] },
          { containers: [{ shares: 8192, demand: 0 }] },
        ],
      },
      want: [4 / 3, 2 / 3, 0],
    },
    {
      // cpuset of 1 core caps a 4-thread container at 1 core
      name: 'a cpuset caps the container',
      node: { cores: 2, pods: [{ containers: [{ shares: 8192, demand: 4, cpuset: 1 }] }, { containers: [{ shares: 2, demand: 4 }] }] },
      want: [1, 1],
    },
    {
      // BestEffort group weighs 2 against kubepods-level 1024: λ = 2/1026 → BE gets 4/1026 core
      name: 'best effort gets almost nothing under contention',
      node: {
        cores: 2,
        pods: [
          { qos: 'Burstable' as const, containers: [{ shares: 1024, demand: 4 }] },
          { qos: 'BestEffort' as const, containers: [{ shares: 2, demand: 4 }] },
        ],
      },
      want: [2 - 4 / 1026, 4 / 1026],
    },
  ])('$name', ({ node, want }) => {
    split(node).forEach((g, k) => expect(g).toBeCloseTo(want[k]!, 9));
  });

  test('unused burstable capacity goes to burstable siblings first (docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling hierarchy)', () => {
    // 3 cores. G: Guaranteed 2 cores (2048 shares), 2 busy threads. B1: Burstable 1 core (1024),
    // demand 0.1. B2: Burstable 250m (256 shares), 3 busy threads. burstable group = shares(1250m) = 1280.
    // kubepods level: λ = 3/(2048+1280) → G = 2048·3/3328 = 1.8462 (< cap 2), burstable = 1.1538;
    // inside burstable B1 takes 0.1, B2 gets 1.0538.
    // A flat split (all pods at one level) would give G its cap 2 and B2 only 0.9.
    const got = split({
      cores: 3,
      burstableShares: 1280,
      pods: [
        { qos: 'Guaranteed', shares: 2048, limit: 2, containers: [{ shares: 2048, demand: 2, limit: 2 }] },
        { qos: 'Burstable', containers: [{ shares: 1024, demand: 0.1 }] },
        { qos: 'Burstable', containers: [{ shares: 256, demand: 3 }] },
      ],
    });
    expect(got[0]).toBeCloseTo(6144 / 3328, 9);
    expect(got[1]).toBeCloseTo(0.1, 9);
    expect(got[2]).toBeCloseTo(3840 / 3328 - 0.1, 9);
  });

  test('system daemons outside kubepods take their share at the root', () => {
    // root: kubepods 2048 vs system 1024 with demand 0.5; λ = 2/3072 → system 0.667 > 0.5 → capped,
    // pods get 1.5 cores.
    const { state, scratch } = buildNode({ cores: 2, systemDemand: 0.5, pods: [{ containers: [{ shares: 1024, demand: 4 }] }] });
    splitNodeCpu(state, scratch);
    expect(state.received[0]).toBeCloseTo(1.5, 9);
    expect(state.systemReceived).toBeCloseTo(0.5, 9);
  });

  test('burst rate is the share while all threads run, not the mean', () => {
    // Container A: mean demand 0.2, 4 threads, limit 1. Neighbour B: 1024 shares, 4 busy threads.
    // Mean: A gets 0.2, B 1.8. During A's burst (cap 4): λ = 2/2048 → A = 1024·λ = 1 core.
    const { state, scratch } = buildNode({
      cores: 2,
      pods: [
        { containers: [{ shares: 1024, demand: 0.2, threads: 4, limit: 1 }] },
        { containers: [{ shares: 1024, demand: 4 }] },
      ],
    });
    splitNodeCpu(state, scratch);
    computeBurstCores(state, scratch);
    expect(state.received[0]).toBeCloseTo(0.2, 9);
    expect(state.burstCores[0]).toBeCloseTo(1, 9);
  });
});

describe('splitNodeCpu properties', () => {
  const container = fc.record({
    shares: fc.integer({ min: 2, max: 8192 }),
    demand: fc.double({ min: 0, max: 6, noNaN: true }),
    threads: fc.integer({ min: 0, max: 8 }),
    limit: fc.option(fc.double({ min: 0.01, max: 4, noNaN: true }), { nil: undefined }),
    cpuset: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  });
  const pod = fc.record({
    qos: fc.constantFrom('Guaranteed' as const, 'Burstable' as const, 'BestEffort' as const),
    limit: fc.option(fc.double({ min: 0.01, max: 4, noNaN: true }), { nil: undefined }),
    containers: fc.array(container, { minLength: 1, maxLength: 3 }),
  });

  test('conservation, caps and work conservation', () => {
    fc.assert(
      fc.property(fc.array(pod, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 0, max: 2, noNaN: true }), (pods, cores, sys) => {
        const { state, scratch } = buildNode({ cores, systemDemand: sys, pods });
        const total = splitNodeCpu(state, scratch);
        expect(total + state.systemReceived).toBeLessThanOrEqual(cores + 1e-9);
        let i = 0;
        let expectedPods = 0;
        for (const p of pods) {
          let podCap = 0;
          let podGot = 0;
          for (const c of p.containers) {
            const cap = Math.max(0, Math.min(c.demand, c.threads, c.cpuset ?? cores, c.limit ?? Infinity));
            expect(state.received[i]!).toBeLessThanOrEqual(cap + 1e-9);
            expect(state.received[i]!).toBeGreaterThanOrEqual(0);
            podCap += cap;
            podGot += state.received[i]!;
            i++;
          }
          expect(podGot).toBeLessThanOrEqual((p.limit ?? Infinity) + 1e-9);
          expectedPods += Math.min(podCap, p.limit ?? Infinity, cores);
        }
        // every level is work-conserving, so pods get all they can use of what system leaves
        expect(total).toBeCloseTo(Math.min(expectedPods, cores - state.systemReceived), 6);
      }),
    );
  });

  test("containers listed out of pod order split exactly as when each pod's containers are together", () => {
    // The split groups containers by pod itself. Interleaving the pods' containers (each pod's
    // own order kept) must give every container the same cores, bit for bit.
    fc.assert(
      fc.property(fc.array(pod, { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.nat(), { minLength: 24, maxLength: 24 }), (pods, cores, picks) => {
        const grouped = buildNode({ cores, pods });
        splitNodeCpu(grouped.state, grouped.scratch);
        const shuffled = buildNode({ cores, pods });
        const s = shuffled.state;
        // Take the next container of a pod chosen by `picks`, round-robin over pods with some left.
        const next = pods.map(() => 0);
        const start = pods.map((_, p) => pods.slice(0, p).reduce((n, q) => n + q.containers.length, 0));
        const order: number[] = [];
        for (let k = 0; order.length < s.containerCount; k++) {
          const open = pods.map((_, p) => p).filter((p) => next[p]! < pods[p]!.containers.length);
          const p = open[picks[k % picks.length]! % open.length]!;
          order.push(start[p]! + next[p]!++);
        }
        const fields = [s.podIndex, s.shares, s.demandCores, s.parallelismCap, s.cpusetCores, s.limitCores] as const;
        const copies = fields.map((f) => Array.from(f.subarray(0, s.containerCount)));
        order.forEach((from, to) => fields.forEach((f, j) => (f[to] = copies[j]![from]!)));
        splitNodeCpu(s, shuffled.scratch);
        order.forEach((from, to) => expect(s.received[to]).toBe(grouped.state.received[from]));
        expect(s.systemReceived).toBe(grouped.state.systemReceived);
      }),
    );
  });

  test('a pod of one container gives it what water-filling its pod share among one entity gives, bit for bit', () => {
    const fill = createWaterFillScratch(1);
    const out = new Float64Array(1);
    fc.assert(
      fc.property(fc.array(pod, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (pods, cores) => {
        const { state: s, scratch } = buildNode({ cores, pods });
        splitNodeCpu(s, scratch);
        let i = 0;
        pods.forEach((p, pi) => {
          if (p.containers.length === 1) {
            const c = p.containers[0]!;
            const cap = Math.max(0, Math.min(c.demand, c.threads, c.cpuset ?? cores, c.limit ?? Infinity));
            waterFill(Float64Array.of(c.shares), Float64Array.of(cap), 1, s.podReceived[pi]!, out, fill);
            expect(s.received[i]).toBe(out[0]);
          }
          i += p.containers.length;
        });
      }),
    );
  });
});

