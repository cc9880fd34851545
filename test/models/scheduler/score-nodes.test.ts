import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fitsResources } from '../../../src/models/scheduler/filter-node.js';
import { PlacementSnapshot, withForkedSnapshot } from '../../../src/models/scheduler/placement-snapshot.js';
import { balancedScore, resourceFitScore, scoreNodes, scoreTotals } from '../../../src/models/scheduler/score-nodes.js';
import { selectNode } from '../../../src/models/scheduler/select-node.js';
import { topologySpreadScores } from '../../../src/models/scheduler/topology-spread-score.js';
import { buildNode, buildPod, GiB, MiB } from './builders.js';

describe('NodeResourcesFit scores (least_allocated_test.go / most_allocated_test.go shapes)', () => {
  const pod = buildPod('p', { cpuMilli: 3000, memoryBytes: 5000 });
  test.each([
    // cpu (4000−3000)·100/4000 = 25, mem (10000−5000)·100/10000 = 50 → (25+50)/2 = 37
    { name: 'LeastAllocated, differently sized nodes: node1 37', node: buildNode('n1', { cpuMilli: 4000, memoryBytes: 10000 }), strategy: 'LeastAllocated' as const, expected: 37 },
    // cpu (6000−3000)·100/6000 = 50, mem 50 → 50
    { name: 'LeastAllocated, differently sized nodes: node2 50', node: buildNode('n2', { cpuMilli: 6000, memoryBytes: 10000 }), strategy: 'LeastAllocated' as const, expected: 50 },
    // cpu 3000·100/4000 = 75, mem 5000·100/10000 = 50 → 62
    { name: 'MostAllocated: node1 62', node: buildNode('n1', { cpuMilli: 4000, memoryBytes: 10000 }), strategy: 'MostAllocated' as const, expected: 62 },
    // cpu request 3000 on top of 2000 requested > 4000 → 0; mem 50 → 25
    { name: 'LeastAllocated gives 0 to an over-requested resource', node: buildNode('n1', { cpuMilli: 4000, memoryBytes: 10000, reqCpuMilli: 2000 }), strategy: 'LeastAllocated' as const, expected: 25 },
  ])('$name', ({ node, strategy, expected }) => {
    expect(resourceFitScore(pod, node, strategy)).toBe(expected);
  });

  test('a pod without requests is scored with 100 m / 200 MiB', () => {
    // cpu (4000−100)·100/4000 = 97.5 → 97; mem (1000−200)·100/1000 = 80 → (97+80)/2 = 88
    const node = buildNode('n', { cpuMilli: 4000, memoryBytes: 1000 * MiB });
    expect(resourceFitScore(buildPod('p'), node, 'LeastAllocated')).toBe(88);
  });
});

describe('BalancedAllocation', () => {
  test.each([
    // fractions 3000/4000 = 0.75, 5000/10000 = 0.5 → (1 − 0.125)·100 = 87.5 → 87
    { name: 'unbalanced node scores 87', cpu: 4000, expected: 87 },
    // fractions 0.5, 0.5 → 100
    { name: 'balanced node scores 100', cpu: 6000, expected: 100 },
  ])('$name', ({ cpu, expected }) => {
    expect(balancedScore(buildPod('p', { cpuMilli: 3000, memoryBytes: 5000 }), buildNode('n', { cpuMilli: cpu, memoryBytes: 10000 }))).toBe(expected);
  });
});

test('default topology spread favours the node with fewer replicas', () => {
  // 2 feasible nodes, no zone: weight ln(2+2) = 1.386; A has 2 replicas → 2·1.386 + 2 = 4.77 → 5, B → 2.
  // Normalised: A 100·(5+2−5)/5 = 40, B 100·(5+2−2)/5 = 100.
  const a = buildNode('a', { workloadPodCounts: new Map([['web', 2]]) });
  const b = buildNode('b');
  expect(topologySpreadScores(buildPod('p'), [a, b], [a, b])).toEqual([40, 100]);
  expect(topologySpreadScores(buildPod('p', { ownerKind: null }), [a, b], [a, b])).toEqual([0, 0]);
});

test('default topology spread counts zones over the nodes the pod may use, empty nodes included', () => {
  // Feasible a, b (zone z1) and c (z2); d (z2, 3 replicas) fails the pod's nodeSelector, so it counts
  // for no zone (nodeInclusionPolicy Honor). Weights: hostname ln(3+2) = 1.6094, zone ln(2+2) = 1.3863;
  // zone counts z1 = 2 + 0 = 2, z2 = 1. Raw = host count·1.6094 + 2 + zone count·1.3863 + 4:
  // a 3.2189 + 2 + 2.7726 + 4 = 11.99 → 12, b 0 + 2 + 2.7726 + 4 = 8.77 → 9, c 1.6094 + 2 + 1.3863 + 4 = 9.00 → 9.
  // Normalised 100·(12 + 9 − s)/12: a 75, b 100, c 100. Counting d would give z2 = 4 and c 13.
  const zone = (z: string, disk: string, web: number, name: string) =>
    buildNode(name, { labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': z, disk }, workloadPodCounts: new Map(web > 0 ? [['web', web]] : []) });
  const [a, b, c, d] = [zone('z1', 'ssd', 2, 'a'), zone('z1', 'ssd', 0, 'b'), zone('z2', 'ssd', 1, 'c'), zone('z2', 'hdd', 3, 'd')];
  expect(topologySpreadScores(buildPod('p', { nodeSelector: { disk: 'ssd' } }), [a, b, c], [a, b, c, d])).toEqual([75, 100, 100]);
});

test('PreferNoSchedule taints lower the TaintToleration score (weight 3)', () => {
  const tainted = buildNode('t', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] });
  const clean = buildNode('c');
  const [t, c] = scoreNodes(buildPod('p', { ownerKind: null }), [tainted, clean]);
  // counts 1 and 0, max 1 → reversed 0 and 100; all other plugins equal → totals differ by 3·100.
  expect(c!.total - t!.total).toBe(300);
});

describe('selectNode', () => {
  const small = buildNode('small', { reqCpuMilli: 3000, reqMemoryBytes: 8 * GiB });
  const empty = buildNode('empty');
  const pod = buildPod('p', { cpuMilli: 500, memoryBytes: GiB, ownerKind: null });
  test('LeastAllocated spreads onto the emptiest node', () => {
    expect(selectNode(pod, [small, empty], {}, () => 0).nodeName).toBe('empty');
  });
  test('MostAllocated packs onto the fullest node', () => {
    expect(selectNode(pod, [small, empty], { strategy: 'MostAllocated' }, () => 0).nodeName).toBe('small');
  });
  test.each([
    { r: 0, expected: 'a' },
    { r: 0.5, expected: 'b' },
    { r: 0.999, expected: 'c' },
  ])('three equal nodes: tieBreak $r picks $expected', ({ r, expected }) => {
    const nodes = [buildNode('a'), buildNode('b'), buildNode('c')];
    const res = selectNode(pod, nodes, {}, () => r);
    expect(res).toMatchObject({ nodeName: expected, reason: 'Scheduled', message: `Successfully assigned default/p to ${expected}` });
  });
  test('no feasible node gives Unschedulable with the upstream histogram', () => {
    const nodes = [
      buildNode('a', { reqCpuMilli: 3800 }),
      buildNode('b', { reqCpuMilli: 3800 }),
      buildNode('c', { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }),
    ];
    const res = selectNode(pod, nodes, {}, () => 0);
    expect(res.nodeName).toBeNull();
    expect(res.reason).toBe('Unschedulable');
    expect(res.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu.');
  });
  test('the tie-break function is not consulted when there is a single best node', () => {
    let calls = 0;
    selectNode(pod, [small, empty], {}, () => (calls++, 0));
    expect(calls).toBe(0);
  });

  test('property: the chosen node always has room for the pod requests', () => {
    const nodeArb = fc.record({
      cpu: fc.integer({ min: 500, max: 8000 }),
      memGiB: fc.integer({ min: 1, max: 32 }),
      reqCpuFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      reqMemFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      pods: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 8 * 1024 }), (ns, cpu, memMiB) => {
        const nodes = ns.map((n, i) =>
          buildNode(`n${i}`, {
            cpuMilli: n.cpu, memoryBytes: n.memGiB * GiB, maxPods: 10, reqPods: Math.min(n.pods, 10),
            reqCpuMilli: Math.floor(n.cpu * n.reqCpuFrac), reqMemoryBytes: Math.floor(n.memGiB * GiB * n.reqMemFrac),
          }),
        );
        const p = buildPod('p', { cpuMilli: cpu, memoryBytes: memMiB * MiB });
        const res = selectNode(p, nodes, {}, () => 0.5);
        const anyFits = nodes.some((n) => fitsResources(p, n));
        expect(res.nodeName !== null).toBe(anyFits);
        if (res.nodeName !== null) expect(fitsResources(p, nodes.find((n) => n.name === res.nodeName)!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scoreTotals', () => {
  // Nodes in two zones, some with PreferNoSchedule taints, a preferred node affinity and pods of
  // the scored workload: every plugin that scores moves between nodes.
  const nodeArb = fc.record({
    cpu: fc.integer({ min: 500, max: 8000 }),
    reqCpuFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    reqMemFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    zone: fc.constantFrom('a', 'b', undefined),
    tainted: fc.boolean(),
    webPods: fc.integer({ min: 0, max: 5 }),
    disk: fc.constantFrom('ssd', 'hdd'),
  });
  const nodesOf = (ns: readonly { cpu: number; reqCpuFrac: number; reqMemFrac: number; zone: string | undefined; tainted: boolean; webPods: number; disk: string }[]) =>
    ns.map((n, i) =>
      buildNode(`n${i}`, {
        cpuMilli: n.cpu,
        reqCpuMilli: Math.floor(n.cpu * n.reqCpuFrac),
        reqMemoryBytes: Math.floor(16 * GiB * n.reqMemFrac),
        labels: { 'kubernetes.io/hostname': `n${i}`, disk: n.disk, ...(n.zone === undefined ? {} : { 'topology.kubernetes.io/zone': n.zone }) },
        taints: n.tainted ? [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] : [],
        workloadPodCounts: new Map([['web', n.webPods]]),
      }),
    );
  const pod = buildPod('p', {
    cpuMilli: 250,
    memoryBytes: 256 * MiB,
    affinity: { nodeAffinity: { preferredTerms: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } },
  });

  test('property: the totals are those of scoreNodes, and selectNode picks a node of the highest', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 2, maxLength: 12 }), fc.constantFrom('LeastAllocated' as const, 'MostAllocated' as const), (ns, strategy) => {
        const nodes = nodesOf(ns);
        const scored = scoreNodes(pod, nodes, { strategy }, nodes);
        // Each total written out from the plugin scores with the default weights (3, 2, 2, 2, 1, 1).
        const expected = scored.map(({ plugins: p }) => 3 * p.taintToleration + 2 * p.nodeAffinity + 2 * p.podTopologySpread + 2 * p.interPodAffinity + p.nodeResourcesFit + p.balancedAllocation);
        expect(scored.map((s) => s.total)).toEqual(expected);
        expect(scoreTotals(pod, nodes, { strategy }, nodes)).toEqual(expected);
        const fitting = nodes.filter((n) => fitsResources(pod, n));
        if (fitting.length < 2) return;
        const best = Math.max(...scoreNodes(pod, fitting, { strategy }, nodes).map((s) => s.total));
        const chosen = selectNode(pod, nodes, { strategy }, () => 0.999).nodeName;
        const chosenScore = scoreNodes(pod, fitting, { strategy }, nodes).find((s) => s.nodeName === chosen)!;
        expect(chosenScore.total).toBe(best);
      }),
      { numRuns: 300 },
    );
  });

  test('the plugins vary across the generated nodes (the property above is not vacuous)', () => {
    const nodes = nodesOf([
      { cpu: 4000, reqCpuFrac: 0.1, reqMemFrac: 0.1, zone: 'a', tainted: true, webPods: 3, disk: 'ssd' },
      { cpu: 4000, reqCpuFrac: 0.6, reqMemFrac: 0.5, zone: 'b', tainted: false, webPods: 0, disk: 'hdd' },
    ]);
    const [x, y] = scoreNodes(pod, nodes, {}, nodes).map((s) => s.plugins);
    expect(x!.taintToleration).not.toBe(y!.taintToleration);
    expect(x!.nodeAffinity).not.toBe(y!.nodeAffinity);
    expect(x!.podTopologySpread).not.toBe(y!.podTopologySpread);
    expect(x!.nodeResourcesFit).not.toBe(y!.nodeResourcesFit);
    expect(x!.balancedAllocation).not.toBe(y!.balancedAllocation);
  });
});

describe('PlacementSnapshot', () => {
  test('binds are reverted by revert and kept by commit; inputs are never mutated', () => {
    const input = [buildNode('a'), buildNode('b')];
    const frozen = JSON.stringify(input);
    const s = new PlacementSnapshot(input);
    const pod = buildPod('p', { cpuMilli: 1000, memoryBytes: GiB });
    withForkedSnapshot(s, (f) => {
      f.bindPod(pod, 'a');
      f.removeNode('b');
      f.addNode(buildNode('t'));
      expect(f.get('a')!.requested).toEqual({ cpuMilli: 1000, memoryBytes: GiB, pods: 1 });
      expect(f.nodes().map((n) => n.name)).toEqual(['a', 't']);
      return { result: undefined, commit: false };
    });
    expect(s.nodes().map((n) => n.name)).toEqual(['a', 'b']);
    expect(s.get('a')!.requested.cpuMilli).toBe(0);
    withForkedSnapshot(s, (f) => (f.bindPod(pod, 'b'), { result: 1, commit: true }));
    expect(s.get('b')!.requested.cpuMilli).toBe(1000);
    expect(s.get('b')!.workloadPodCounts).toEqual(new Map([['web', 1]]));
    expect(JSON.stringify(input)).toBe(frozen);
  });
  test('a throwing what-if is still reverted', () => {
    const s = new PlacementSnapshot([buildNode('a')]);
    expect(() =>
      withForkedSnapshot(s, (f) => {
        f.bindPod(buildPod('p', { cpuMilli: 5 }), 'a');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.get('a')!.requested.cpuMilli).toBe(0);
  });
});
