/**
 * The binpacking estimator with pod anti-affinity and topology spread constraints. Rows from
 * cluster-autoscaler/estimator/binpacking_estimator_test.go (TestBinpackingEstimate), names kept:
 * a template of 1000m / 5000 MiB / 10 pods in zone-mars and one empty existing node "oldnode"
 * (100m / 100 MiB / 10 pods) in zone-jupiter; pods of the "universe" namespace labelled
 * app=estimatee, with memory requests in bytes as upstream's BuildTestPod gives them.
 */
import { describe, expect, test } from 'vitest';
import { estimateNodeCount } from '../../../src/models/node-autoscaler/estimator.js';
import { PlacementSnapshot } from '../../../src/models/scheduler/placement-snapshot.js';
import type { PodView, TopologySpreadConstraint } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB, MiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** WithMaxSkew(maxSkew, key, minDomains): one DoNotSchedule constraint selecting app=estimatee. */
const withMaxSkew = (maxSkew: number, topologyKey: string, minDomains: number): TopologySpreadConstraint[] => [
  { maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'estimatee' } }, minDomains },
];

/** makePodEquivalenceGroup(BuildTestPod("estimatee", cpu, memBytes, ...), count). */
const group = (count: number, cpuMilli: number, memoryBytes: number, spread?: TopologySpreadConstraint[], workload = 'estimatee'): PodView[] => {
  const template = { namespace: 'universe', workload, labels: { app: 'estimatee' }, cpuMilli, memoryBytes, topologySpreadConstraints: spread };
  return Array.from({ length: count }, (_, i) => buildPod(`${workload}-${cpuMilli}-${i}`, template));
};

const oldnode = () =>
  buildNode('oldnode', { cpuMilli: 100, memoryBytes: 100 * MiB, maxPods: 10, labels: { [HOST]: 'oldnode', [ZONE]: 'zone-jupiter' } });
const template = (millicores: number, memoryMiB: number, maxNodes: number) =>
  buildGroup('template', { cpuMilli: millicores, memoryBytes: memoryMiB * MiB, maxPods: 10, labels: { [ZONE]: 'zone-mars' }, maxNodes });

describe('TestBinpackingEstimate (rows without host ports or the fast path)', () => {
  const high = group(10, 500, 1000, undefined, 'high');
  test.each<{ name: string; millicores: number; memoryMiB: number; maxNodes: number; pods: PodView[]; nodes: number; podCount: number; processed?: PodView[] }>([
    { name: 'simple resource-based binpacking', millicores: 350 * 3 - 50, memoryMiB: 2 * 1000, maxNodes: 0, pods: group(10, 350, 1000), nodes: 5, podCount: 10 },
    { name: 'pods-per-node bound binpacking', millicores: 10000, memoryMiB: 20000, maxNodes: 0, pods: group(20, 10, 100), nodes: 2, podCount: 20 },
    { name: 'limiter cuts binpacking', millicores: 1000, memoryMiB: 5000, maxNodes: 5, pods: group(20, 500, 1000), nodes: 5, podCount: 10 },
    {
      name: 'decreasing ordered pods are processed first',
      millicores: 1000,
      memoryMiB: 5000,
      maxNodes: 5,
      pods: [...group(10, 50, 1000), ...high],
      nodes: 5,
      podCount: 10,
      processed: high,
    },
    {
      name: 'hostname topology spreading with maxSkew=2 forces 2 pods/node',
      millicores: 1000,
      memoryMiB: 5000,
      maxNodes: 0,
      pods: group(8, 200, 200, withMaxSkew(2, HOST, 1)),
      nodes: 4,
      podCount: 8,
    },
    {
      name: 'zonal topology spreading with maxSkew=2 only allows 2 pods to schedule',
      millicores: 1000,
      memoryMiB: 5000,
      maxNodes: 0,
      pods: group(8, 20, 100, withMaxSkew(2, ZONE, 1)),
      nodes: 1,
      podCount: 2,
    },
    {
      // Upstream counts "oldnode" among the nodes: 4 pods land there through the hostname retry.
      name: 'hostname topology spreading with maxSkew=1 with a large scaleup handles scheduling pods retroactively',
      millicores: 1000,
      memoryMiB: 5000,
      maxNodes: 0,
      pods: group(12, 20, 100, withMaxSkew(1, HOST, 3)),
      nodes: 3,
      podCount: 12,
    },
  ])('$name', ({ millicores, memoryMiB, maxNodes, pods, nodes, podCount, processed }) => {
    // Upstream's static threshold 0 means no limit.
    const est = estimateNodeCount(new PlacementSnapshot([oldnode()]), pods, template(millicores, memoryMiB, maxNodes), maxNodes === 0 ? Infinity : maxNodes);
    expect(est.nodeCount).toBe(nodes);
    expect(est.scheduledPods.length).toBe(podCount);
    if (processed !== undefined) expect(est.scheduledPods).toEqual(processed);
  });
});

describe('required pod anti-affinity in estimation', () => {
  const antiAffinePods = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      buildPod(`web-${i}`, {
        workload: 'web',
        cpuMilli: 100,
        memoryBytes: 100 * MiB,
        labels: { app: 'web' },
        affinity: { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: HOST }] } },
      }),
    );

  test('3 replicas with required anti-affinity on hostname need 3 nodes although one node has room for all', () => {
    // By resources alone: 3 × 100m ≤ 3920m and 3 × 100 MiB ≤ 13 GiB → 1 node. The anti-affinity
    // term selects the replicas themselves on kubernetes.io/hostname, and every template node
    // has its own hostname, so the second replica is rejected by the first node, and so on: 3 nodes.
    const est = estimateNodeCount(new PlacementSnapshot([]), antiAffinePods(3), buildGroup('g'), 10);
    expect(est.nodeCount).toBe(3);
    expect(est.podsPerNode).toEqual([['web-0'], ['web-1'], ['web-2']]);
  });

  test('the node limit leaves the replicas beyond it unschedulable', () => {
    const est = estimateNodeCount(new PlacementSnapshot([]), antiAffinePods(5), buildGroup('g'), 3);
    expect(est).toMatchObject({ nodeCount: 3, reason: 'LimitReached' });
    expect(est.unschedulablePods.map((p) => p.name)).toEqual(['web-3', 'web-4']);
  });

  test('a replica already running on an existing node does not block new nodes (its domain is its own hostname)', () => {
    // The existing node (full by cpu) runs one replica; its anti-affinity term covers only that node.
    const running = buildNode('n1', { cpuMilli: 4000, reqCpuMilli: 4000, memoryBytes: 16 * GiB, labels: { [HOST]: 'n1' } });
    const snapshot = new PlacementSnapshot([running]);
    snapshot.bindPod(antiAffinePods(1)[0] as PodView, 'n1');
    const est = estimateNodeCount(snapshot, antiAffinePods(2).map((p, i) => ({ ...p, name: `new-${i}` })), buildGroup('g'), 10);
    expect(est.nodeCount).toBe(2);
  });

  test('HA replicas (hostname anti-affinity + zone spread maxSkew 1): a zone-a group takes only what the spread allows', () => {
    // Three full existing nodes, one per zone, each running one replica: counts a = b = c = 1, min 1.
    // Replica 3 on a new zone-a node: 1 + 1 − 1 = 1 ≤ 1, fits (a = 2). Replica 4: the anti-affinity
    // rejects that node; a fresh zone-a node gives 2 + 1 − 1 = 2 > 1, so packing stops: 1 node,
    // and the other replicas wait for the groups of zones b and c.
    const spread: TopologySpreadConstraint[] = [
      { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
    ];
    const ha = (name: string) => ({ ...antiAffinePods(1)[0]!, name, topologySpreadConstraints: spread });
    const full = (name: string, zone: string) => buildNode(name, { reqCpuMilli: 4000, labels: { [HOST]: name, [ZONE]: zone } });
    const snapshot = new PlacementSnapshot([full('a1', 'a'), full('b1', 'b'), full('c1', 'c')]);
    snapshot.bindPod(ha('r0'), 'a1');
    snapshot.bindPod(ha('r1'), 'b1');
    snapshot.bindPod(ha('r2'), 'c1');
    const est = estimateNodeCount(snapshot, [ha('r3'), ha('r4'), ha('r5')], buildGroup('zone-a', { labels: { [ZONE]: 'a' } }), 10);
    expect(est.nodeCount).toBe(1);
    expect(est.podsPerNode).toEqual([['r3']]);
    expect(est.unschedulablePods.map((p) => p.name)).toEqual(['r4', 'r5']);
  });
});
