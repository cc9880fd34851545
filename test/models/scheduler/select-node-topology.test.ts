/**
 * PodTopologySpread and InterPodAffinity inside the default profile: filter order, the FitError
 * text, score weights (default_plugins.go: PodTopologySpread 2, InterPodAffinity 2) and the rule
 * that the system default spreading applies only to a pod without constraints of its own.
 */
import { describe, expect, test } from 'vitest';
import { schedulerDefaults } from '../../../src/models/scheduler/defaults.js';
import { filterNode, preFilter } from '../../../src/models/scheduler/filter-node.js';
import { PlacementSnapshot } from '../../../src/models/scheduler/placement-snapshot.js';
import { scoreNodes } from '../../../src/models/scheduler/score-nodes.js';
import { selectNode } from '../../../src/models/scheduler/select-node.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB } from './builders.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const node = (name: string, zone: string, o = {}) => buildNode(name, { labels: { [HOST]: name, [ZONE]: zone }, ...o });
const web = (name: string, extra: Partial<PodView> = {}) =>
  buildPod(name, { workload: 'web', labels: { app: 'web' }, cpuMilli: 500, memoryBytes: GiB, ...extra });
const antiAffinity = { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: HOST }] } };
const zoneSpread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'web' } } }];

/** Nodes with `placed` pods bound through a snapshot (so their pod groups are recorded). */
function cluster(nodes: NodeView[], placed: [PodView, string][]): NodeView[] {
  const s = new PlacementSnapshot(nodes);
  for (const [p, n] of placed) s.bindPod(p, n);
  return s.nodes();
}

describe('selectNode with pod topology', () => {
  test('required hostname anti-affinity skips the node of a running replica and reports it in the FitError', () => {
    const nodes = cluster([node('n1', 'a'), node('n2', 'a')], [[web('web-0', { affinity: antiAffinity }), 'n1']]);
    const r = selectNode(web('web-1', { affinity: antiAffinity }), nodes, {}, () => 0);
    expect(r.nodeName).toBe('n2');
    // Both nodes taken: 0/2 with the reason counted once per node.
    const full = cluster([node('n1', 'a'), node('n2', 'a')], [[web('web-0', { affinity: antiAffinity }), 'n1'], [web('web-1', { affinity: antiAffinity }), 'n2']]);
    const u = selectNode(web('web-2', { affinity: antiAffinity }), full, {}, () => 0);
    expect(u.message).toBe("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.");
  });

  test('existing pods\u2019 anti-affinity keeps a pod without rules off their node (symmetry)', () => {
    const nodes = cluster([node('n1', 'a'), node('n2', 'a')], [[web('web-0', { affinity: antiAffinity }), 'n1']]);
    const plain = web('web-1');
    const state = preFilter(plain, { allNodes: nodes });
    expect(filterNode(plain, nodes[0] as NodeView, state).reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"]);
    expect(selectNode(plain, nodes, {}, () => 0).nodeName).toBe('n2');
  });

  test('a zone spread constraint leaves the pod Pending when only the crowded zone has room', () => {
    // Zone a runs 1 replica, zone b none (min 0): a → 1 + 1 − 0 = 2 > 1. The zone-b node is full.
    const nodes = cluster([node('a1', 'a'), node('b1', 'b', { reqCpuMilli: 4000 })], [[web('web-0'), 'a1']]);
    const r = selectNode(web('web-1', { topologySpreadConstraints: zoneSpread }), nodes, {}, () => 0);
    expect(r.reason).toBe('Unschedulable');
    expect(r.message).toBe("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints.");
  });

  test('filters run in upstream order: NodeResourcesFit reports before PodTopologySpread', () => {
    const nodes = cluster([node('a1', 'a', { reqCpuMilli: 4000 }), node('b1', 'b')], [[web('web-0'), 'a1']]);
    const pod = web('web-1', { topologySpreadConstraints: zoneSpread });
    expect(filterNode(pod, nodes[0] as NodeView, preFilter(pod, { allNodes: nodes })).reasons).toEqual(['Insufficient cpu']);
  });

  test('without pod groups, labels or rules the result is the one of the plain filters', () => {
    const nodes = [node('n1', 'a'), node('n2', 'b')];
    const pod = buildPod('p', { cpuMilli: 100 });
    expect(preFilter(pod, { allNodes: nodes })).toEqual({ topologySpread: null, interPodAffinity: null });
    expect(nodes.map((n) => filterNode(pod, n, preFilter(pod, { allNodes: nodes })))).toEqual(nodes.map((n) => filterNode(pod, n)));
  });
});

describe('scoreNodes with pod topology', () => {
  test('preferred pod affinity adds weight 2 × its normalised score', () => {
    // One preferred term (weight 10) toward app=db on the hostname; db runs on n1 → raw 10 on n1,
    // 0 on n2 → normalised ⌊100 × (10 − 0) / (10 − 0)⌋ = 100 and 0.
    const db = buildPod('db-0', { workload: 'db', labels: { app: 'db' } });
    const nodes = cluster([node('n1', 'a'), node('n2', 'a')], [[db, 'n1']]);
    const pod = web('web-0', {
      ownerKind: null,
      affinity: { podAffinity: { preferred: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: HOST } }] } },
    });
    const [s1, s2] = scoreNodes(pod, nodes, {}, nodes);
    expect(s1?.plugins.interPodAffinity).toBe(100);
    expect(s2?.plugins.interPodAffinity).toBe(0);
    expect(schedulerDefaults.scoreWeights.interPodAffinity).toBe(2);
    // The total is Σ weight × plugin score with InterPodAffinity at weight 2.
    for (const sc of [s1, s2]) {
      const w = schedulerDefaults.scoreWeights;
      const p = sc!.plugins;
      expect(sc!.total).toBe(
        w.taintToleration * p.taintToleration + w.nodeAffinity * p.nodeAffinity + w.podTopologySpread * p.podTopologySpread +
          2 * p.interPodAffinity + w.nodeResourcesFit * p.nodeResourcesFit + w.balancedAllocation * p.balancedAllocation,
      );
    }
  });

  test('a pod with only DoNotSchedule constraints gets no spread score (the defaults apply only without own constraints)', () => {
    const nodes = cluster([node('n1', 'a'), node('n2', 'b')], [[web('web-0'), 'n1']]);
    const withOwn = scoreNodes(web('web-1', { topologySpreadConstraints: zoneSpread }), nodes, {}, nodes);
    expect(withOwn.map((s) => s.plugins.podTopologySpread)).toEqual([0, 0]);
    // Same pod without constraints (ReplicaSet-owned): the system defaults score the empty node higher.
    const defaults = scoreNodes(web('web-1'), nodes, {}, nodes);
    expect((defaults[1]?.plugins.podTopologySpread ?? 0) > (defaults[0]?.plugins.podTopologySpread ?? 0)).toBe(true);
  });
});

describe('PlacementSnapshot records pod groups', () => {
  test('binding counts by group key, unbinding drops the entry at zero, revert restores the list', () => {
    const s = new PlacementSnapshot([node('n1', 'a')]);
    s.fork();
    s.bindPod(web('web-0'), 'n1');
    s.bindPod(web('web-1'), 'n1');
    s.bindPod(buildPod('db-0', { workload: 'db' }), 'n1');
    expect(s.get('n1')?.podGroups?.map((g) => [g.group.key, g.count])).toEqual([['default/web', 2], ['default/db', 1]]);
    s.unbindPod(buildPod('db-0', { workload: 'db' }), 'n1');
    expect(s.get('n1')?.podGroups?.map((g) => [g.group.key, g.count])).toEqual([['default/web', 2]]);
    s.revert();
    expect(s.get('n1')?.podGroups).toBeUndefined();
  });
});
