// The split's scratch carries work from one call to the next: a node's burst what-ifs reuse the
// full split's mean caps and grouping, and the CPU step splits every node with one scratch. Both
// are checked against fresh computations that share nothing.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeBurstCores } from '../../../src/models/cpu/burst-cores.js';
import { computeBurstInterference } from '../../../src/models/cpu/burst-interference.js';
import { createNodeCpuScratch, createNodeCpuState, type NodeCpuState } from '../../../src/models/cpu/node-cpu-state.js';
import { splitNodeCpu, splitWhatIf } from '../../../src/models/cpu/split-node-cpu.js';
import { buildNode, type BuildPod } from './build-node.js';
import { arbitraryPod } from './arbitrary-node.js';

const node = fc.record({
  cores: fc.integer({ min: 1, max: 16 }),
  systemDemand: fc.double({ min: 0, max: 1, noNaN: true }),
  pods: fc.array(arbitraryPod, { minLength: 1, maxLength: 8 }),
  // A permutation of the containers: the split must not rely on a pod's containers being adjacent.
  order: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  burst: fc.array(fc.double({ min: 0, max: 6, noNaN: true }), { minLength: 24, maxLength: 24 }),
});
type NodeCase = { cores: number; systemDemand: number; pods: BuildPod[]; order: number[]; burst: number[] };

const containerFields = ['podIndex', 'shares', 'demandCores', 'parallelismCap', 'cpusetCores', 'limitCores', 'burstThreads', 'burstWorkCoreSeconds'] as const;

/** The case's node with its containers in the case's order (a pod's containers scattered). */
function nodeOf(c: NodeCase): NodeCpuState {
  const { state } = buildNode({ cores: c.cores, systemDemand: c.systemDemand, pods: c.pods });
  const n = state.containerCount;
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => (c.order[a]! % 7) - (c.order[b]! % 7) || a - b);
  for (const f of containerFields) {
    const copy = Array.from(state[f].subarray(0, n));
    perm.forEach((from, to) => (state[f][to] = copy[from]!));
  }
  for (let i = 0; i < n; i++) {
    state.burstThreads[i] = 1 + Math.floor(c.burst[i]!);
    state.burstWorkCoreSeconds[i] = c.burst[i]! / 100;
  }
  return state;
}

/** A state of its own with the same inputs (and room for more, like a node of a larger type). */
function copyOf(s: NodeCpuState, room = 0): NodeCpuState {
  const t = createNodeCpuState(s.maxContainers + room, s.maxPods + room, s.nodeCores);
  for (const f of containerFields) t[f].set(s[f].subarray(0, s.containerCount));
  t.podQos.set(s.podQos.subarray(0, s.podCount));
  t.podShares.set(s.podShares.subarray(0, s.podCount));
  t.podLimitCores.set(s.podLimitCores.subarray(0, s.podCount));
  t.containerCount = s.containerCount;
  t.podCount = s.podCount;
  t.kubepodsShares = s.kubepodsShares;
  t.burstableShares = s.burstableShares;
  t.besteffortShares = s.besteffortShares;
  t.systemShares = s.systemShares;
  t.systemDemandCores = s.systemDemandCores;
  return t;
}

/**
 * The burst what-if of container i computed from scratch: a full split of a copy in which i asks
 * for its burst cap on as many threads, with its own and its pod's limits lifted, every other
 * input unchanged.
 */
function freshWhatIf(s: NodeCpuState, i: number, burstCap: number): number {
  const t = copyOf(s);
  t.demandCores[i] = burstCap;
  t.parallelismCap[i] = burstCap;
  t.limitCores[i] = Infinity;
  t.podLimitCores[t.podIndex[i]!] = Infinity;
  splitNodeCpu(t, createNodeCpuScratch(t));
  return t.received[i]!;
}

describe('a burst what-if reuses the full split of its node', () => {
  test('each container, in any order and after contended what-ifs, gets what a fresh split of the raised node gives', () => {
    let raised = 0;
    fc.assert(
      fc.property(node, (c) => {
        const s = nodeOf(c as NodeCase);
        const x = createNodeCpuScratch(s);
        splitNodeCpu(s, x);
        // Visit containers in a scrambled order and put a contended what-if (every cap changed)
        // between two plain ones, so a what-if that kept the last one's caps would show.
        const n = s.containerCount;
        const caps = new Float64Array(n).map((_, j) => c.burst[j]! / 2);
        for (let k = 0; k < n; k++) {
          const i = (k * 5 + c.order[0]!) % n;
          const burstCap = Math.min(s.parallelismCap[i]!, s.cpusetCores[i]!) + 0.5;
          const got = splitWhatIf(s, x, i, burstCap);
          splitWhatIf(s, x, (i + 1) % n, c.burst[k]!, caps);
          const want = freshWhatIf(s, i, Math.min(burstCap, s.cpusetCores[i]!));
          if (got !== want) return false;
          if (want > 0) raised++;
        }
        return true;
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(raised).toBeGreaterThan(300);
  });
});

describe('one scratch serves every node in turn', () => {
  const outputs = ['received', 'burstCores', 'burstFraction', 'contendedBurstCores', 'expectedBurstCores', 'contentionProb', 'contentionSeconds'] as const;

  test('nodes of mixed sizes split with one scratch give what each gives with its own', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 2, maxLength: 6 }), (cases) => {
        const nodes = cases.map((c, k) => copyOf(nodeOf(c as NodeCase), k * 3));
        const shared = createNodeCpuScratch({
          maxContainers: Math.max(...nodes.map((s) => s.maxContainers)),
          maxPods: Math.max(...nodes.map((s) => s.maxPods)),
        });
        // Each node twice, the second time after the others, as steps follow each other. Before
        // each node, every number the scratch holds is made large, so that a value read before
        // this node wrote it (left by a larger node, or never written) shows in the results.
        for (const s of [...nodes, ...nodes]) {
          for (const v of Object.values(shared)) if (v instanceof Float64Array) v.fill(1e6);
          const own = copyOf(s);
          for (const [t, x] of [
            [s, shared],
            [own, createNodeCpuScratch(own)],
          ] as const) {
            splitNodeCpu(t, x);
            computeBurstCores(t, x, true);
            computeBurstInterference(t, x);
          }
          for (const f of outputs) {
            for (let i = 0; i < s.containerCount; i++) if (!Object.is(s[f][i], own[f][i])) return false;
          }
          for (let p = 0; p < s.podCount; p++) if (!Object.is(s.podReceived[p], own.podReceived[p])) return false;
          if (!Object.is(s.systemReceived, own.systemReceived)) return false;
        }
        return true;
      }),
      { seed: 3, numRuns: 150 },
    );
  });
});
