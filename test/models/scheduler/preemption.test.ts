/**
 * DefaultPreemption, ported from kubernetes pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption_test.go (TestPostFilter, TestDryRunPreemption — formerly
 * TestSelectNodesForPreemption —, TestSelectBestCandidate — formerly TestPickOneNodeForPreemption —,
 * TestPodEligibleToPreemptOthers, TestPreempt). Row names and expectations are upstream's. The rows
 * ported are those whose filters are NodeResourcesFit, plus one InterPodAffinity row with that
 * filter written out for the case; rows needing PodTopologySpread, extenders or a PDB's
 * DisruptedPods are not ported.
 */
import { describe, expect, test } from 'vitest';
import { filterNode } from '../../../src/models/scheduler/filter-node.js';
import { nodeWithoutPods } from '../../../src/models/scheduler/node-without-pods.js';
import type { TimedPod } from '../../../src/models/scheduler/pod-priority.js';
import { calculateNumCandidates, dryRunPreemption, podEligibleToPreemptOthers, preempt, type NominatedNodeState, type PreemptionNode } from '../../../src/models/scheduler/preemption.js';
import { pickOneNodeForPreemption } from '../../../src/models/scheduler/pick-one-node-for-preemption.js';
import type { PodView } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod } from './builders.js';

// Upstream fixtures: priorities and resource sizes (cpu millicores, memory bytes).
const neg = -100, low = 0, mid = 100, high = 1000, veryHigh = 10000;
const small = { cpuMilli: 100, memoryBytes: 100 };
const medium = { cpuMilli: 200, memoryBytes: 200 };
const large = { cpuMilli: 300, memoryBytes: 300 };
const veryLarge = { cpuMilli: 500, memoryBytes: 500 };
/** st.MakeNode().Capacity(veryLargeRes): 500m, 500 bytes, and the wrapper's default 32 pods. */
const veryLargeNode = { cpuMilli: 500, memoryBytes: 500, maxPods: 32 };
const onePodNode = { cpuMilli: 0, memoryBytes: 0, maxPods: 1 };
const cpu200Node = { cpuMilli: 200, memoryBytes: 400, maxPods: 32 };

type Res = { cpuMilli: number; memoryBytes: number };
function pod(name: string, priority: number, res: Res = { cpuMilli: 0, memoryBytes: 0 }, extra: Partial<TimedPod> = {}): TimedPod {
  return { ...buildPod(name, { ...res, priority }), ...extra };
}
const on = (node: string, ...pods: TimedPod[]) => ({ node, pods });

/** A node with its pods bound: requested = Σ requests, as NodeInfo keeps it. */
function node(name: string, cap: { cpuMilli: number; memoryBytes: number; maxPods: number }, pods: readonly TimedPod[], unresolvable = false): PreemptionNode {
  const n = buildNode(name, {
    ...cap,
    reqCpuMilli: pods.reduce((s, p) => s + p.requests.cpuMilli, 0),
    reqMemoryBytes: pods.reduce((s, p) => s + p.requests.memoryBytes, 0),
    reqPods: pods.length,
  });
  return { node: n, pods, ...(unresolvable ? { unresolvable } : {}) };
}
function cluster(cap: { cpuMilli: number; memoryBytes: number; maxPods: number }, names: string[], placed: { node: string; pods: TimedPod[] }[]): PreemptionNode[] {
  return names.map((n) => node(n, cap, placed.filter((p) => p.node === n).flatMap((p) => p.pods)));
}
const fits = (p: PodView, n: Parameters<typeof filterNode>[1]) => filterNode(p, n);
const names = (pods: readonly PodView[]) => pods.map((p) => p.name).sort();

describe('TestDryRunPreemption, formerly TestSelectNodesForPreemption (NodeResourcesFit rows)', () => {
  test.each<{ name: string; preemptor: TimedPod; placed: { node: string; pods: TimedPod[] }[]; nodes?: string[]; expected: Record<string, string[]>; offset?: number; numCandidates?: number }>([
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      preemptor: pod('p', high, large),
      placed: [on('node1', pod('p1', mid, large)), on('node2', pod('p2', mid, large))],
      expected: { node1: ['p1'], node2: ['p2'] },
    },
    {
      name: 'a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen',
      preemptor: pod('p', low, large),
      placed: [on('node1', pod('p1', mid, large)), on('node2', pod('p2', mid, large))],
      expected: {},
    },
    {
      name: 'medium priority pod is preempted, but lower priority one stays as it is small',
      preemptor: pod('p', high, large),
      placed: [on('node1', pod('p1.1', low, small), pod('p1.2', mid, large)), on('node2', pod('p2', mid, large))],
      expected: { node1: ['p1.2'], node2: ['p2'] },
    },
    {
      name: 'mixed priority pods are preempted',
      preemptor: pod('p', high, large),
      placed: [
        on('node1', pod('p1.1', mid, small), pod('p1.2', low, small), pod('p1.3', mid, medium), pod('p1.4', high, small)),
        on('node2', pod('p2', high, large)),
      ],
      expected: { node1: ['p1.2', 'p1.3'] },
    },
    {
      name: 'mixed priority pods are preempted, pick later StartTime one when priorities are equal',
      preemptor: pod('p', high, large),
      placed: [
        on(
          'node1',
          pod('p1.1', low, small, { startedMs: 5 }),
          pod('p1.2', low, small, { startedMs: 4 }),
          pod('p1.3', mid, medium, { startedMs: 3 }),
          pod('p1.4', high, small, { startedMs: 2 }),
        ),
        on('node2', pod('p2', high, large, { startedMs: 1 })),
      ],
      // Without the start-time order p1.2 (older) could be evicted instead of p1.1.
      expected: { node1: ['p1.1', 'p1.3'] },
    },
    {
      name: 'all nodes are possible candidates, but DefaultPreemptionArgs limits to 2',
      preemptor: pod('p', high, large),
      nodes: ['node1', 'node2', 'node3', 'node4', 'node5'],
      placed: [1, 2, 3, 4, 5].map((i) => on(`node${i}`, pod(`p${i}`, mid, large))),
      // Upstream's seeded offset is 4: node5 (yes), node1 (yes).
      offset: 4,
      numCandidates: 2,
      expected: { node1: ['p1'], node5: ['p5'] },
    },
    {
      name: 'some nodes are not possible candidates, DefaultPreemptionArgs limits to 2',
      preemptor: pod('p', high, large),
      nodes: ['node1', 'node2', 'node3', 'node4', 'node5'],
      placed: [
        on('node1', pod('p1', mid, large)),
        on('node2', pod('p2', veryHigh, large)),
        on('node3', pod('p3', mid, large)),
        on('node4', pod('p4', mid, large)),
        on('node5', pod('p5', veryHigh, large)),
      ],
      // offset 4: node5 (no), node1 (yes), node2 (no), node3 (yes)
      offset: 4,
      numCandidates: 2,
      expected: { node1: ['p1'], node3: ['p3'] },
    },
  ])('$name', ({ preemptor, placed, nodes, expected, offset, numCandidates }) => {
    const ns = cluster(veryLargeNode, nodes ?? ['node1', 'node2'], placed);
    const { candidates } = dryRunPreemption(preemptor, ns, fits, offset ?? 0, numCandidates ?? calculateNumCandidates(ns.length));
    const got = Object.fromEntries(candidates.map((c) => [c.nodeName, names(c.victims)]));
    expect(got).toEqual(expected);
    for (const c of candidates) expect(c.numPdbViolations).toBe(0);
  });

  test('preemption looks past numCandidates until a non-PDB violating node is found', () => {
    const pdb = { name: 'pdb', disruptionsAllowed: 0 };
    const foo = { pdb, labels: { app: 'foo' } };
    const ns = cluster(veryLargeNode, ['node1', 'node2', 'node3', 'node4', 'node5'], [
      on('node1', pod('p1', mid, large, foo)),
      on('node2', pod('p2', mid, large, foo)),
      on('node3', pod('p3', mid, large)),
      on('node4', pod('p4', mid, large)),
      on('node5', pod('p5', mid, large, foo)),
    ]);
    // minCandidateNodesPercentage 40, absolute 2: max(5 × 40 / 100, 2) = 2.
    expect(calculateNumCandidates(5, 40, 2)).toBe(2);
    // offset 4: node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb: the violating list is full), node3 (yes)
    const { candidates } = dryRunPreemption(pod('p', high, large), ns, fits, 4, 2);
    expect(candidates.map((c) => [c.nodeName, names(c.victims), c.numPdbViolations]).sort()).toEqual([
      ['node1', ['p1'], 1],
      ['node3', ['p3'], 0],
      ['node5', ['p5'], 1],
    ]);
  });

  test('pod with anti-affinity is preempted', () => {
    // The InterPodAffinity filter, reduced to this row: a pod on the node whose required
    // anti-affinity (hostname) selects label foo keeps the preemptor out.
    const antiFoo = { labels: { foo: '' }, affinity: { podAntiAffinity: { required: [{ labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' as const }] }, topologyKey: 'hostname' }] } } };
    const withAntiAffinity = (p: PodView, n: Parameters<typeof filterNode>[1], podsOnNode: readonly TimedPod[]) =>
      filterNode(p, n).fits && !podsOnNode.some((q) => q.affinity?.podAntiAffinity?.required?.length && p.labels?.foo !== undefined);
    const ns = cluster(veryLargeNode, ['node1', 'node2'], [
      on('node1', pod('p1.1', low, small, antiFoo), pod('p1.2', mid, small), pod('p1.3', high, small)),
      on('node2', pod('p2', high, small)),
    ]);
    const { candidates } = dryRunPreemption(pod('p', high, small, { labels: { foo: '' } }), ns, withAntiAffinity);
    expect(candidates.map((c) => [c.nodeName, names(c.victims)])).toEqual([['node1', ['p1.1']]]);
  });

  test('preemption with violation of same pdb', () => {
    const pdb = { name: 'pdb', disruptionsAllowed: 1 };
    const ns = cluster(veryLargeNode, ['node1'], [on('node1', pod('p1.1', mid, medium, { pdb }), pod('p1.2', mid, medium, { pdb }))]);
    const { candidates } = dryRunPreemption(pod('p', high, veryLarge), ns, fits);
    expect(candidates.map((c) => [c.nodeName, names(c.victims), c.numPdbViolations])).toEqual([['node1', ['p1.1', 'p1.2'], 1]]);
  });
});

describe('TestSelectBestCandidate, formerly TestPickOneNodeForPreemption', () => {
  const t = (ms: number) => ({ startedMs: ms });
  const e = t(0);
  test.each<{ name: string; preemptor: TimedPod; nodes: string[]; placed: { node: string; pods: TimedPod[] }[]; expected: string[] }>([
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      preemptor: pod('p', high, large),
      nodes: ['node1', 'node2'],
      placed: [on('node1', pod('p1', mid, large, e)), on('node2', pod('p2', mid, large, e))],
      expected: ['node1', 'node2'],
    },
    {
      name: 'node with min highest priority pod is picked',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, medium, e), pod('p1.2', mid, large, e)),
        on('node2', pod('p2.1', mid, medium, e), pod('p2.2', low, medium, e)),
        on('node3', pod('p3.1', low, medium, e), pod('p3.2', low, medium, e)),
      ],
      expected: ['node3'],
    },
    {
      name: 'when highest priorities are the same, minimum sum of priorities is picked',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, medium, e), pod('p1.2', mid, large, e)),
        on('node2', pod('p2.1', mid, large, e), pod('p2.2', low, medium, e)),
        on('node3', pod('p3.1', mid, medium, e), pod('p3.2', mid, medium, e)),
      ],
      expected: ['node2'],
    },
    {
      name: 'when highest priority and sum are the same, minimum number of pods is picked',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, small, e), pod('p1.2', neg, small, e), pod('p1.3', mid, small, e), pod('p1.4', neg, small, e)),
        on('node2', pod('p2.1', mid, large, e), pod('p2.2', neg, medium, e)),
        on('node3', pod('p3.1', mid, medium, e), pod('p3.2', neg, small, e), pod('p3.3', low, small, e)),
      ],
      expected: ['node2'],
    },
    {
      // Raw sums would pick node1 (100-100-100 = -100 < node2's 0); with 2^31 added per victim
      // node1 has 3 offsets against node2's 2, so node2 wins.
      name: 'sum of adjusted priorities is considered',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, small, e), pod('p1.2', neg, small, e), pod('p1.3', neg, small, e)),
        on('node2', pod('p2.1', mid, large, e), pod('p2.2', neg, medium, e)),
        on('node3', pod('p3.1', mid, medium, e), pod('p3.2', neg, small, e), pod('p3.3', low, small, e)),
      ],
      expected: ['node2'],
    },
    {
      name: 'non-overlapping lowest high priority, sum priorities, and number of pods',
      preemptor: pod('p', veryHigh, veryLarge),
      nodes: ['node1', 'node2', 'node3', 'node4'],
      placed: [
        on('node1', pod('p1.1', mid, small, e), pod('p1.2', low, small, e), pod('p1.3', low, small, e)),
        on('node2', pod('p2.1', high, large, e)),
        on('node3', pod('p3.1', mid, medium, e), pod('p3.2', low, small, e), pod('p3.3', low, small, e), pod('p3.4', low, medium, e)),
        on('node4', pod('p4.1', mid, medium, e), pod('p4.2', mid, small, e), pod('p4.3', mid, small, e), pod('p4.4', neg, small, e)),
      ],
      expected: ['node1'],
    },
    {
      name: "same priority, same number of victims, different start time for each node's pod",
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, medium, t(2)), pod('p1.2', mid, medium, t(2))),
        on('node2', pod('p2.1', mid, medium, t(3)), pod('p2.2', mid, medium, t(3))),
        on('node3', pod('p3.1', mid, medium, t(1)), pod('p3.2', mid, medium, t(1))),
      ],
      expected: ['node2'],
    },
    {
      name: 'same priority, same number of victims, different start time for all pods',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', mid, medium, t(4)), pod('p1.2', mid, medium, t(2))),
        on('node2', pod('p2.1', mid, medium, t(5)), pod('p2.2', mid, medium, t(1))),
        on('node3', pod('p3.1', mid, medium, t(3)), pod('p3.2', mid, medium, t(6))),
      ],
      expected: ['node3'],
    },
    {
      name: 'different priority, same number of victims, different start time for all pods',
      preemptor: pod('p', high, veryLarge),
      nodes: ['node1', 'node2', 'node3'],
      placed: [
        on('node1', pod('p1.1', low, medium, t(4)), pod('p1.2', mid, medium, t(2))),
        on('node2', pod('p2.1', mid, medium, t(6)), pod('p2.2', low, medium, t(1))),
        on('node3', pod('p3.1', low, medium, t(3)), pod('p3.2', mid, medium, t(5))),
      ],
      expected: ['node2'],
    },
  ])('$name', ({ preemptor, nodes, placed, expected }) => {
    const { candidates } = dryRunPreemption(preemptor, cluster(veryLargeNode, nodes, placed), fits);
    const best = pickOneNodeForPreemption(candidates);
    expect(expected).toContain(best?.nodeName);
  });
});

describe('TestPostFilter (NodeResourcesFit rows)', () => {
  const violating = { name: 'violating-pdb', disruptionsAllowed: 0 };
  const nonViolating = { name: 'non-violating-pdb', disruptionsAllowed: 2 ** 31 - 1 };
  test.each<{ name: string; preemptor: TimedPod; nodes: PreemptionNode[]; nominated: string | null; message: string }>([
    {
      name: 'pod with higher priority can be made schedulable',
      preemptor: pod('p', high),
      nodes: [node('node1', onePodNode, [pod('p1', 0)])],
      nominated: 'node1',
      message: '',
    },
    {
      name: 'pod with tied priority is still unschedulable',
      preemptor: pod('p', 0),
      nodes: [node('node1', onePodNode, [pod('p1', 0)])],
      nominated: null,
      message: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'preemption should respect filteredNodesStatuses',
      preemptor: pod('p', high),
      nodes: [node('node1', onePodNode, [pod('p1', 0)], true)],
      nominated: null,
      message: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'pod can be made schedulable on one node',
      preemptor: pod('p', mid),
      nodes: [node('node1', onePodNode, [pod('p1', high)]), node('node2', onePodNode, [pod('p2', low)])],
      nominated: 'node2',
      message: '',
    },
    {
      name: 'pod can be made schedulable on minHighestPriority node',
      preemptor: pod('p', veryHigh),
      nodes: [
        node('node1', onePodNode, [pod('p1', high, undefined, { pdb: nonViolating }), pod('p2', low, undefined, { pdb: violating })]),
        node('node2', onePodNode, [pod('p3', mid, undefined, { pdb: violating })]),
      ],
      // Both nodes have one PDB violation; node2's most important victim has the lower priority.
      nominated: 'node2',
      message: '',
    },
    {
      name: 'no candidate nodes found, no enough resource after removing low priority pods',
      preemptor: pod('p', high, large),
      nodes: [node('node1', cpu200Node, [pod('p1', 0)]), node('node2', cpu200Node, [pod('p2', 0)])],
      nominated: null,
      message: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.',
    },
    {
      name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
      preemptor: pod('p', high, large),
      nodes: [
        node('node1', onePodNode, [pod('p1', high)]),
        node('node2', cpu200Node, [pod('p2', 0)]),
        node('node3', onePodNode, [pod('p3', high)]),
      ],
      nominated: null,
      message: 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
    },
    {
      name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
      preemptor: pod('p', high, large),
      nodes: [
        node('node1', cpu200Node, [pod('p1', 0)]),
        node('node2', cpu200Node, [pod('p2', 0)]),
        node('node3', cpu200Node, [], true),
        node('node4', cpu200Node, [], true),
      ],
      nominated: null,
      message: 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
    },
  ])('$name', ({ preemptor, nodes, nominated, message }) => {
    const d = preempt({ preemptor, nodes, fits });
    expect(d.nominatedNodeName).toBe(nominated);
    expect(d.message).toBe(message);
    expect(d.reason).toBe(nominated === null ? 'NoCandidates' : 'Preempting');
  });
});

describe('TestPreempt (NodeResourcesFit rows)', () => {
  const placed = [
    on('node1', pod('p1.1', low, small), pod('p1.2', low, small)),
    on('node2', pod('p2.1', high, large)),
    on('node3', pod('p3.1', mid, medium)),
  ];
  test.each([
    { name: 'basic preemption logic', policy: 'PreemptLowerPriority' as const, nominated: 'node1', victims: ['p1.1', 'p1.2'] },
    { name: 'no preempting in pod', policy: 'Never' as const, nominated: null, victims: [] },
    { name: 'PreemptionPolicy is nil', policy: undefined, nominated: 'node1', victims: ['p1.1', 'p1.2'] },
  ])('$name', ({ policy, nominated, victims }) => {
    const preemptor = pod('p', high, veryLarge, policy ? { preemptionPolicy: policy } : {});
    const d = preempt({ preemptor, nodes: cluster(veryLargeNode, ['node1', 'node2', 'node3'], placed), fits });
    expect(d.nominatedNodeName).toBe(nominated);
    expect(names(d.victims)).toEqual(victims);
    expect(d.events.map((ev) => [ev.pod.name, ev.reason, ev.message])).toEqual(
      victims.map((v) => [v, 'Preempted', 'Preempted by pod default/p on node node1']),
    );
  });

  test('Never: the upstream status message', () => {
    const d = preempt({ preemptor: pod('p', high, veryLarge, { preemptionPolicy: 'Never' }), nodes: [], fits });
    expect([d.reason, d.message]).toEqual(['NotEligible', 'preemption: not eligible due to preemptionPolicy=Never.']);
  });
});

describe('TestPodEligibleToPreemptOthers', () => {
  const terminating = { priority: low, terminatingByPreemption: false };
  test.each<{ name: string; pod: TimedPod; nominated?: NominatedNodeState; expected: boolean }>([
    { name: 'Pod with nominated node', pod: pod('p_with_nominated_node', high), nominated: { unresolvable: true, pods: [terminating] }, expected: true },
    { name: 'Pod without nominated node', pod: pod('p_without_nominated_node', high), expected: true },
    { name: "Pod with 'PreemptNever' preemption policy", pod: pod('p_with_preempt_never_policy', high, undefined, { preemptionPolicy: 'Never' }), expected: false },
    {
      name: 'preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition',
      pod: pod('p_with_nominated_node', high),
      nominated: { unresolvable: false, pods: [{ priority: low, terminatingByPreemption: true }] },
      expected: false,
    },
    { name: 'non-victim Pods terminating', pod: pod('p_with_nominated_node', high), nominated: { unresolvable: false, pods: [terminating] }, expected: true },
  ])('$name', ({ pod: p, nominated, expected }) => {
    expect(podEligibleToPreemptOthers(p, nominated).eligible).toBe(expected);
  });
});

describe('calculateNumCandidates (defaults 10 % and 100 nodes)', () => {
  test.each([
    { name: 'small cluster: every node', nodes: 5, expected: 5 },
    { name: '1000 nodes: the absolute 100 wins over 10 %', nodes: 1000, expected: 100 },
    { name: '5000 nodes: 10 % = 500', nodes: 5000, expected: 500 },
  ])('$name', ({ nodes, expected }) => expect(calculateNumCandidates(nodes)).toBe(expected));
});

describe('nodeWithoutPods', () => {
  test('takes the pods off requests, pod count and per-workload counts', () => {
    const n = buildNode('n', { reqCpuMilli: 700, reqMemoryBytes: 700, reqPods: 3, workloadPodCounts: new Map([['web', 2], ['db', 1]]) });
    const out = nodeWithoutPods(n, [buildPod('a', { cpuMilli: 300, memoryBytes: 200 }), buildPod('b', { cpuMilli: 100, memoryBytes: 100 })]);
    // 700 - 300 - 100 = 300 m; 700 - 200 - 100 = 400 bytes; 3 - 2 pods; web 2 - 2 = 0.
    expect([out.requested, out.workloadPodCounts]).toEqual([{ cpuMilli: 300, memoryBytes: 400, pods: 1 }, new Map([['web', 0], ['db', 1]])]);
    expect(n.requested.cpuMilli).toBe(700);
  });
});
