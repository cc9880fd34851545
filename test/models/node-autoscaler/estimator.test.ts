import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { estimateNodeCount } from '../../../src/models/node-autoscaler/estimator.js';
import { PlacementSnapshot } from '../../../src/models/scheduler/placement-snapshot.js';
import { buildNode, buildPod, GiB, MiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const pods = (n: number, cpuMilli: number, workload = 'web', memoryBytes = 100 * MiB) =>
  Array.from({ length: n }, (_, i) => buildPod(`${workload}-${i}`, { cpuMilli, memoryBytes, workload }));

describe('binpacking estimator', () => {
  test.each([
    // floor(3920 / 1500) = 2 pods per node → ceil(7 / 2) = 4 nodes
    { name: '7 pods of 1500m on 3920m nodes: 2 per node → 4 nodes', pods: pods(7, 1500), group: buildGroup('g'), max: 10, nodes: 4, left: 0 },
    // 3920 − 200 DaemonSet = 3720 → still 2 per node
    { name: 'DaemonSet overhead 200m still leaves 2 per node → 4', pods: pods(7, 1500), group: buildGroup('g', { dsCpuMilli: 200, dsPods: 2 }), max: 10, nodes: 4, left: 0 },
    // 3920 − 1000 = 2920 → 1 per node → 7 nodes
    { name: 'DaemonSet overhead 1000m leaves 1 per node → 7', pods: pods(7, 1500), group: buildGroup('g', { dsCpuMilli: 1000 }), max: 10, nodes: 7, left: 0 },
    { name: 'limiter cuts binpacking: max 5 new nodes leaves 2 pods', pods: pods(7, 1500), group: buildGroup('g', { dsCpuMilli: 1000 }), max: 5, nodes: 5, left: 2 },
    // max pods 3 with 1 DaemonSet pod → 2 user pods per node; 5 pods of 100m → 3 nodes
    { name: 'pod count limit: 2 free slots per node, 5 small pods → 3 nodes', pods: pods(5, 100), group: buildGroup('g', { maxPods: 3, dsPods: 1 }), max: 10, nodes: 3, left: 0 },
    // memory-bound: 13 GiB / 4 GiB = 3 per node → 9 pods → 3 nodes
    { name: 'memory-bound: 4 GiB pods on 13 GiB nodes → 3 per node, 9 pods → 3 nodes', pods: pods(9, 100, 'mem', 4 * GiB), group: buildGroup('g'), max: 10, nodes: 3, left: 0 },
    { name: 'a pod larger than an empty node needs no node', pods: pods(2, 5000), group: buildGroup('g'), max: 10, nodes: 0, left: 2 },
  ])('$name', ({ pods: ps, group, max, nodes, left }) => {
    const est = estimateNodeCount(new PlacementSnapshot([]), ps, group, max);
    expect(est.nodeCount).toBe(nodes);
    expect(est.unschedulablePods.length).toBe(left);
    expect(est.scheduledPods.length).toBe(ps.length - left);
  });

  test('first-fit decreasing: 3×2500m then 3×1000m fill the three nodes → 3 nodes', () => {
    // Largest first: each 2500m pod opens a node (1420m left each); each 1000m pod first-fits an open node.
    const ps = [...pods(3, 1000, 'small'), ...pods(3, 2500, 'big')];
    const est = estimateNodeCount(new PlacementSnapshot([]), ps, buildGroup('g'), 10);
    expect(est.nodeCount).toBe(3);
    expect(est.podsPerNode).toEqual([['big-0', 'small-0'], ['big-1', 'small-1'], ['big-2', 'small-2']]);
  });

  test('pods that do not tolerate the group taint need no node', () => {
    const group = buildGroup('gpu', { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] });
    const est = estimateNodeCount(new PlacementSnapshot([]), pods(3, 100), group, 10);
    expect(est).toMatchObject({ nodeCount: 0, reason: 'PodsDoNotFitTemplate' });
  });

  test('the snapshot is left as it was', () => {
    const s = new PlacementSnapshot([buildNode('a')]);
    estimateNodeCount(s, pods(4, 1000), buildGroup('g'), 10);
    expect(s.nodes().map((n) => n.name)).toEqual(['a']);
  });

  test('property: never more than max nodes, and every new node holds what it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 4500 }), memMiB: fc.integer({ min: 0, max: 14 * 1024 }) }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 800 }),
        (specs, max, ds) => {
          const ps = specs.map((s, i) => buildPod(`p${i}`, { cpuMilli: s.cpu, memoryBytes: s.memMiB * MiB, workload: `w${i % 3}` }));
          const group = buildGroup('g', { dsCpuMilli: ds, dsMemoryBytes: ds * MiB });
          const est = estimateNodeCount(new PlacementSnapshot([]), ps, group, max);
          expect(est.nodeCount).toBeLessThanOrEqual(max);
          const byName = new Map(ps.map((p) => [p.name, p]));
          for (const names of est.podsPerNode) {
            const cpu = names.reduce((a, n) => a + byName.get(n)!.requests.cpuMilli, 0);
            const mem = names.reduce((a, n) => a + byName.get(n)!.requests.memoryBytes, 0);
            expect(cpu + ds).toBeLessThanOrEqual(3920);
            expect(mem + ds * MiB).toBeLessThanOrEqual(13 * GiB);
          }
          expect(est.scheduledPods.length + est.unschedulablePods.length).toBe(ps.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
