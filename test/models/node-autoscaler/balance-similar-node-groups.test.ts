/**
 * --balance-similar-node-groups, ported from cluster-autoscaler/processors/nodegroupset:
 * compare_nodegroups_test.go and balancing_processor_test.go. Test names are upstream's; where an
 * upstream test makes several checks, each check is a row named after the upstream comment.
 * BuildTestNode(name, cpu, mem) gives capacity = allocatable = cpu, mem and 100 pods, no labels.
 */
import { describe, expect, test } from 'vitest';
import { balanceScaleUpBetweenGroups, type BalancedGroup } from '../../../src/models/node-autoscaler/balance-scale-up.js';
import {
  findSimilarNodeGroups,
  ignoredLabelsFor,
  isNodeInfoSimilar,
  type ComparableNode,
} from '../../../src/models/node-autoscaler/compare-node-groups.js';
import { clusterAutoscalerDefaults as D } from '../../../src/models/node-autoscaler/defaults.js';
import { buildGroup } from './builders.js';

const ratios = {
  maxAllocatableDifferenceRatio: D.maxAllocatableDifferenceRatio,
  maxFreeDifferenceRatio: D.maxFreeDifferenceRatio,
  memoryDifferenceRatio: D.memoryDifferenceRatio,
};
const Ki = 1024;

type NodeOpts = { capCpu?: number; capMem?: number; allocCpu?: number; allocMem?: number; reqCpu?: number; reqMem?: number; labels?: Record<string, string> };
/** BuildTestNode(cpu, mem) with the overrides the upstream test applies; req = pods bound to it. */
function testNode(cpu: number, mem: number, o: NodeOpts = {}): ComparableNode {
  return {
    labels: o.labels ?? {},
    capacity: { cpuMilli: o.capCpu ?? cpu, memoryBytes: o.capMem ?? mem, pods: 100 },
    allocatable: { cpuMilli: o.allocCpu ?? cpu, memoryBytes: o.allocMem ?? mem, pods: 100 },
    requested: { cpuMilli: o.reqCpu ?? 0, memoryBytes: o.reqMem ?? 0 },
  };
}
const generic = (extra: string[] = []) => ignoredLabelsFor('generic', extra);

describe('IsCloudProviderNodeInfoSimilar (compare_nodegroups_test.go)', () => {
  const m5x1 = 16116152 * Ki, m5x2 = 15944120 * Ki, m5x3 = 16438475 * Ki;
  const m516x1 = 259970052 * Ki, m516x2 = 257217528 * Ki, m516x3 = 265169453 * Ki;
  test.each<{ name: string; n1: ComparableNode; n2: ComparableNode; expected: boolean }>([
    { name: 'TestIdenticalNodesSimilar', n1: testNode(1000, 2000), n2: testNode(1000, 2000), expected: true },
    { name: 'TestNodesSimilarVariousRequirements: Different CPU capacity', n1: testNode(1000, 2000), n2: testNode(1000, 2000, { capCpu: 1001 }), expected: false },
    { name: 'TestNodesSimilarVariousRequirements: Same CPU capacity, but slightly different allocatable', n1: testNode(1000, 2000), n2: testNode(1000, 2000, { allocCpu: 999 }), expected: true },
    { name: 'TestNodesSimilarVariousRequirements: Same CPU capacity, significantly different allocatable', n1: testNode(1000, 2000), n2: testNode(1000, 2000, { allocCpu: 500 }), expected: false },
    {
      name: 'TestNodesSimilarVariousRequirementsAndPods: Different allocatable, but same free',
      n1: testNode(1000, 2000, { reqCpu: 500, reqMem: 1000 }),
      n2: testNode(1000, 2000, { allocCpu: 500, allocMem: 1000 }),
      expected: false,
    },
    {
      name: 'TestNodesSimilarVariousRequirementsAndPods: Same requests of pods',
      n1: testNode(1000, 2000, { reqCpu: 500, reqMem: 1000 }),
      n2: testNode(1000, 2000, { reqCpu: 500, reqMem: 1000 }),
      expected: true,
    },
    {
      // free 500 m vs 498 m: |2| <= 5 % of 500
      name: 'TestNodesSimilarVariousRequirementsAndPods: Similar allocatable, similar pods',
      n1: testNode(1000, 2000, { reqCpu: 500, reqMem: 1000 }),
      n2: testNode(1000, 2000, { allocCpu: 999, reqCpu: 501, reqMem: 1001 }),
      expected: true,
    },
    // 1000 − 1000 × 0.015 ± 1 = 986 / 984 bytes
    { name: 'TestNodesSimilarVariousMemoryRequirements: Different memory capacity within tolerance', n1: testNode(1000, 1000), n2: testNode(1000, 1000, { capMem: 986 }), expected: true },
    { name: 'TestNodesSimilarVariousMemoryRequirements: Different memory capacity exceeds tolerance', n1: testNode(1000, 1000), n2: testNode(1000, 1000, { capMem: 984 }), expected: false },
    { name: 'TestNodesSimilarVariousLargeMemoryRequirementsM5XLarge: within tolerance', n1: testNode(1000, m5x1), n2: testNode(1000, m5x2), expected: true },
    { name: 'TestNodesSimilarVariousLargeMemoryRequirementsM5XLarge: exceeds tolerance', n1: testNode(1000, m5x1), n2: testNode(1000, m5x3), expected: false },
    { name: 'TestNodesSimilarVariousLargeMemoryRequirementsM516XLarge: within tolerance', n1: testNode(1000, m516x1), n2: testNode(1000, m516x2), expected: true },
    { name: 'TestNodesSimilarVariousLargeMemoryRequirementsM516XLarge: exceeds tolerance', n1: testNode(1000, m516x1), n2: testNode(1000, m516x3), expected: false },
  ])('$name', ({ n1, n2, expected }) => {
    expect(isNodeInfoSimilar(n1, n2, generic(), ratios)).toBe(expected);
  });

  describe('TestNodesSimilarVariousLabels', () => {
    const base = { 'test-label': 'test-value', character: 'winnie the pooh' };
    test.each<{ name: string; l1: Record<string, string>; l2: Record<string, string>; expected: boolean }>([
      { name: 'Missing character label', l1: base, l2: { 'test-label': 'test-value' }, expected: false },
      { name: 'same labels', l1: base, l2: base, expected: true },
      { name: "Different hostname labels shouldn't matter", l1: { ...base, 'kubernetes.io/hostname': 'node1' }, l2: { ...base, 'kubernetes.io/hostname': 'node2' }, expected: true },
      {
        name: "Different zone shouldn't matter either",
        l1: { ...base, 'failure-domain.beta.kubernetes.io/zone': 'mars-olympus-mons1-b' },
        l2: { ...base, 'failure-domain.beta.kubernetes.io/zone': 'us-houston1-a' },
        expected: true,
      },
      { name: 'Different beta.kubernetes.io/fluentd-ds-ready should not matter', l1: { ...base, 'beta.kubernetes.io/fluentd-ds-ready': 'true' }, l2: { ...base, 'beta.kubernetes.io/fluentd-ds-ready': 'false' }, expected: true },
      { name: 'fluentd-ds-ready on one node only', l1: { ...base, 'beta.kubernetes.io/fluentd-ds-ready': 'true' }, l2: base, expected: true },
      { name: 'Different custom labels should not matter', l1: { ...base, 'example.com/ready': 'true' }, l2: { ...base, 'example.com/ready': 'false' }, expected: true },
    ])('$name', ({ l1, l2, expected }) => {
      expect(isNodeInfoSimilar(testNode(1000, 2000, { labels: l1 }), testNode(1000, 2000, { labels: l2 }), generic(['example.com/ready']), ratios)).toBe(expected);
    });
  });
});

describe('FindSimilarNodeGroups (balancing_processor_test.go)', () => {
  // buildBasicNodeGroups: ng1 and ng2 of 1000 m / 1000 bytes nodes, ng3 of 2000 m / 2000 bytes.
  const g = (name: string, size: number, labels: Record<string, string> = {}) =>
    buildGroup(name, { provider: 'generic', cpuMilli: size, memoryBytes: size, capacityCpuMilli: size, capacityMemoryBytes: size, maxPods: 100, labels });
  test.each([
    { name: 'TestFindSimilarNodeGroups', groups: [g('ng1', 1000), g('ng2', 1000), g('ng3', 2000)], extra: [] as string[] },
    {
      name: 'TestFindSimilarNodeGroupsCustomLabels',
      groups: [g('ng1', 1000, { 'example.com/ready': 'true' }), g('ng2', 1000, { 'example.com/ready': 'false' }), g('ng3', 2000)],
      extra: ['example.com/ready'],
    },
  ])('$name', ({ groups, extra }) => {
    const similar = (i: number) => findSimilarNodeGroups(groups[i]!, groups, ratios, extra).map((x) => x.name);
    expect([similar(0), similar(1), similar(2)]).toEqual([['ng2'], ['ng1'], []]);
  });

  test('per-zone groups of one GKE node pool are similar; another node pool is not (gce_nodegroups.go)', () => {
    const pool = (name: string, nodepool: string, zone: string) =>
      buildGroup(name, { labels: { 'cloud.google.com/gke-nodepool': nodepool, 'topology.kubernetes.io/zone': zone, 'topology.gke.io/zone': zone } });
    const groups = [pool('a', 'web', 'z-a'), pool('b', 'web', 'z-b'), pool('c', 'batch', 'z-a')];
    expect(findSimilarNodeGroups(groups[0]!, groups, ratios).map((x) => x.name)).toEqual(['b']);
  });

  test('AKS: same agentpool is similar even with different sizes (azure_nodegroups.go)', () => {
    const a = buildGroup('a', { provider: 'aks', labels: { agentpool: 'p1' } });
    const b = buildGroup('b', { provider: 'aks', cpuMilli: 7000, capacityCpuMilli: 8000, labels: { agentpool: 'p1' } });
    expect(findSimilarNodeGroups(a, [a, b], ratios).map((x) => x.name)).toEqual(['b']);
  });
});

describe('BalanceScaleUpBetweenGroups (balancing_processor_test.go)', () => {
  // AddNodeGroup(id, min, max, size)
  const ng = (name: string, max: number, size: number): BalancedGroup => ({ name, maxNodes: max, targetSize: size });
  const sizes = (infos: ReturnType<typeof balanceScaleUpBetweenGroups>) => Object.fromEntries(infos.map((i) => [i.group, i.newSize]));

  describe('TestBalanceSingleGroup', () => {
    test.each([
      { name: 'just one node', newNodes: 1, expected: { ng1: 2 } },
      { name: 'multiple nodes', newNodes: 4, expected: { ng1: 5 } },
    ])('$name', ({ newNodes, expected }) => expect(sizes(balanceScaleUpBetweenGroups([ng('ng1', 10, 1)], newNodes))).toEqual(expected));
  });

  describe('TestBalanceUnderMaxSize', () => {
    const groups = [ng('ng1', 10, 1), ng('ng2', 10, 3), ng('ng3', 10, 5), ng('ng4', 10, 5)];
    test.each([
      { name: 'add a single node', newNodes: 1, expected: { ng1: 2 } },
      { name: 'add multiple nodes to single group', newNodes: 2, expected: { ng1: 3 } },
      { name: 'add nodes to groups of different sizes, divisible', newNodes: 4, expected: { ng1: 4, ng2: 4 } },
      { name: 'add nodes to all groups, divisible', newNodes: 10, expected: { ng1: 6, ng2: 6, ng3: 6, ng4: 6 } },
    ])('$name', ({ newNodes, expected }) => expect(sizes(balanceScaleUpBetweenGroups(groups, newNodes))).toEqual(expected));

    test('add nodes to groups of different sizes, non-divisible', () => {
      // Upstream accepts 4 and 5 in either group.
      const infos = balanceScaleUpBetweenGroups(groups, 5);
      expect(infos.map((i) => i.group).sort()).toEqual(['ng1', 'ng2']);
      expect(infos.map((i) => i.newSize).sort()).toEqual([4, 5]);
    });
  });

  describe('TestBalanceHittingMaxSize', () => {
    const all = { ng1: ng('ng1', 1, 1), ng2: ng('ng2', 3, 1), ng3: ng('ng3', 10, 3), ng4: ng('ng4', 7, 5), ng5: ng('ng5', 3, 6) };
    type Id = keyof typeof all;
    test.each<{ name: string; ids: Id[]; newNodes: number; expected: Record<string, number> }>([
      { name: 'Just one maxed out group', ids: ['ng1'], newNodes: 1, expected: {} },
      { name: 'Smallest group already maxed out, add one node', ids: ['ng1', 'ng2'], newNodes: 1, expected: { ng2: 2 } },
      { name: 'Smallest group already maxed out, too many nodes (should cap to max capacity)', ids: ['ng1', 'ng2'], newNodes: 5, expected: { ng2: 3 } },
      { name: 'First group maxes out before proceeding to next one', ids: ['ng2', 'ng3'], newNodes: 4, expected: { ng2: 3, ng3: 5 } },
      { name: 'Last group maxes out before previous one', ids: ['ng2', 'ng3', 'ng4'], newNodes: 9, expected: { ng2: 3, ng3: 8, ng4: 7 } },
      { name: 'Use all capacity, cap to max', ids: ['ng2', 'ng3', 'ng4'], newNodes: 900, expected: { ng2: 3, ng3: 10, ng4: 7 } },
      { name: 'One node group exceeds max.', ids: ['ng2', 'ng5'], newNodes: 1, expected: { ng2: 2 } },
    ])('$name', ({ ids, newNodes, expected }) => {
      expect(sizes(balanceScaleUpBetweenGroups(ids.map((i) => all[i]), newNodes))).toEqual(expected);
    });
  });
});
