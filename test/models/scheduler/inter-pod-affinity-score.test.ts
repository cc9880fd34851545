/**
 * Rows ported from kubernetes pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go
 * (TestPreferredAffinity), names kept; hardPodAffinityWeight is the default 1. Every node is a
 * candidate, as in upstream's test. `null` = the plugin is skipped (upstream's Skip status).
 */
import { describe, expect, test } from 'vitest';
import { interPodAffinityScores } from '../../../src/models/scheduler/inter-pod-affinity-score.js';
import type { LabelSelectorRequirement, NodeView, PodAffinityRules, PodView, WeightedPodAffinityTerm } from '../../../src/models/scheduler/types.js';
import { mkNode, withPods, type Labels } from './upstream-fixtures.js';
import { buildPod } from './builders.js';

const req = (key: string, operator: LabelSelectorRequirement['operator'], values?: string[]): LabelSelectorRequirement => ({ key, operator, values });
const weighted = (weight: number, topologyKey: string, ...e: LabelSelectorRequirement[]): WeightedPodAffinityTerm => ({
  weight,
  podAffinityTerm: { labelSelector: { matchExpressions: e }, topologyKey },
});

const S1 = { security: 'S1' };
const S2 = { security: 'S2' };
const China = { region: 'China' };
const India = { region: 'India' };
const Az1 = { az: 'az1' };
const Az2 = { az: 'az2' };
const ChinaAz1 = { region: 'China', az: 'az1' };

interface Affinity {
  podAffinity?: PodAffinityRules;
  podAntiAffinity?: PodAffinityRules;
}
const stayWithS1InRegion: Affinity = { podAffinity: { preferred: [weighted(5, 'region', req('security', 'In', ['S1']))] } };
const stayWithS2InRegion: Affinity = { podAffinity: { preferred: [weighted(6, 'region', req('security', 'In', ['S2']))] } };
const affinity3: Affinity = {
  podAffinity: {
    preferred: [
      weighted(8, 'region', req('security', 'NotIn', ['S1']), req('security', 'In', ['S2'])),
      weighted(2, 'region', req('security', 'Exists'), req('wrongkey', 'DoesNotExist')),
    ],
  },
};
const hardAffinity: Affinity = {
  podAffinity: {
    required: [
      { labelSelector: { matchExpressions: [req('security', 'In', ['S1', 'value2'])] }, topologyKey: 'region' },
      { labelSelector: { matchExpressions: [req('security', 'Exists'), req('wrongkey', 'DoesNotExist')] }, topologyKey: 'region' },
    ],
  },
};
const awayFromS1InAz: Affinity = { podAntiAffinity: { preferred: [weighted(5, 'az', req('security', 'In', ['S1']))] } };
const awayFromS2InAz: Affinity = { podAntiAffinity: { preferred: [weighted(5, 'az', req('security', 'In', ['S2']))] } };
const stayWithS1InRegionAwayFromS2InAz: Affinity = {
  podAffinity: { preferred: [weighted(8, 'region', req('security', 'In', ['S1']))] },
  podAntiAffinity: { preferred: [weighted(5, 'az', req('security', 'In', ['S2']))] },
};
const nsTerm = (): WeightedPodAffinityTerm => ({
  weight: 5,
  podAffinityTerm: {
    labelSelector: { matchExpressions: [req('security', 'In', ['S1'])] },
    topologyKey: 'region',
    namespaces: ['subteam2.team2'],
    namespaceSelector: { matchExpressions: [req('team', 'In', ['team1'])] },
  },
});
const affinityNamespaceSelector: Affinity = { podAffinity: { preferred: [nsTerm()] } };
const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferred: [nsTerm()] } };

const namespaceLabels = {
  'subteam1.team1': { team: 'team1' },
  'subteam2.team1': { team: 'team1' },
  'subteam1.team2': { team: 'team2' },
  'subteam2.team2': { team: 'team2' },
};

let seq = 0;
/** A pod in namespace "" (upstream's unset namespace) unless told. */
const pod = (o: { node?: string; labels?: Labels; affinity?: Affinity; ns?: string } = {}): PodView =>
  buildPod(`pod-${seq++}`, { namespace: o.ns ?? '', workload: `w-${seq}`, ownerKind: null, labels: o.labels ?? {}, nodeName: o.node ?? null, affinity: o.affinity });
const nodes = (...l: Labels[]): NodeView[] => l.map((labels, i) => mkNode(`node${i + 1}`, labels));

describe('TestPreferredAffinity', () => {
  test.each<{ name: string; pod: PodView; pods?: PodView[]; nodes: NodeView[]; want: number[] | null }>([
    { name: 'all nodes are same priority as Affinity is nil', pod: pod({ labels: S1 }), nodes: nodes(China, India, Az1), want: null },
    {
      name:
        'Affinity: pod that matches topology key & pods in nodes will get high score comparing to others' +
        "which doesn't match either pods in nodes or in topology key",
      pod: pod({ labels: S1, affinity: stayWithS1InRegion }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 }), pod({ node: 'node3', labels: S1 })],
      nodes: nodes(China, India, Az1),
      want: [100, 0, 0],
    },
    {
      name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
      pod: pod({ affinity: stayWithS1InRegion }),
      pods: [pod({ node: 'node1', labels: S1 })],
      nodes: nodes(China, ChinaAz1, India),
      want: [100, 100, 0],
    },
    {
      name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
      pod: pod({ labels: S1, affinity: stayWithS2InRegion }),
      pods: ['node1', 'node1', 'node2', 'node3', 'node4', 'node5'].map((n) => pod({ node: n, labels: S2 })),
      nodes: nodes(China, India, China, China, India),
      want: [100, 0, 100, 100, 0],
    },
    {
      name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
      pod: pod({ labels: S1, affinity: affinity3 }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 }), pod({ node: 'node3', labels: S1 })],
      nodes: nodes(China, India, Az1),
      want: [20, 100, 0],
    },
    {
      name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S2 }),
      pods: [pod({ node: 'node1', labels: S1, affinity: stayWithS1InRegion }), pod({ node: 'node2', labels: S2, affinity: stayWithS2InRegion })],
      nodes: nodes(China, India, Az1),
      want: [0, 100, 0],
    },
    {
      name: 'Affinity symmetry with namespace selector',
      pod: pod({ ns: 'subteam1.team1', labels: S1 }),
      pods: [pod({ node: 'node1', labels: S1, affinity: affinityNamespaceSelector }), pod({ node: 'node2', labels: S2, affinity: stayWithS2InRegion })],
      nodes: nodes(China, India, Az1),
      want: [100, 0, 0],
    },
    {
      name: 'AntiAffinity symmetry with namespace selector',
      pod: pod({ ns: 'subteam1.team1', labels: S1 }),
      pods: [pod({ node: 'node1', labels: S1, affinity: antiAffinityNamespaceSelector }), pod({ node: 'node2', labels: S2, affinity: stayWithS2InRegion })],
      nodes: nodes(China, India, Az1),
      want: [0, 100, 100],
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S1 }),
      pods: [pod({ node: 'node1', labels: S1, affinity: hardAffinity }), pod({ node: 'node2', labels: S2, affinity: hardAffinity })],
      nodes: nodes(China, India, Az1),
      want: [100, 100, 0],
    },
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 })],
      nodes: nodes(Az1, China),
      want: [0, 100],
    },
    {
      name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S1 })],
      nodes: nodes(Az1, China),
      want: [0, 100],
    },
    {
      name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 })],
      nodes: nodes(Az1, India),
      want: [0, 100],
    },
    {
      name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
      pod: pod({ labels: S2 }),
      pods: [pod({ node: 'node1', labels: S1, affinity: awayFromS2InAz }), pod({ node: 'node2', labels: S2, affinity: awayFromS1InAz })],
      nodes: nodes(Az1, Az2),
      want: [0, 100],
    },
    {
      name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S1 })],
      nodes: nodes(China, Az1),
      want: [100, 0],
    },
    {
      name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: ['node1', 'node1', 'node2', 'node3', 'node3', 'node4', 'node5'].map((n) => pod({ node: n, labels: S1 })),
      nodes: nodes(ChinaAz1, India, China, China, India),
      want: [100, 0, 100, 100, 0],
    },
    {
      name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [
        pod({ node: 'node1', labels: S1 }),
        pod({ node: 'node2', labels: S2 }),
        pod({ node: 'node3', affinity: stayWithS1InRegionAwayFromS2InAz }),
        pod({ node: 'node4', affinity: awayFromS1InAz }),
      ],
      nodes: nodes(China, Az1, India, Az2),
      want: [100, 0, 100, 0],
    },
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: pod({ labels: S1 }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', affinity: stayWithS1InRegionAwayFromS2InAz })],
      nodes: nodes(China, China),
      want: [0, 0],
    },
  ])('$name', ({ pod: p, pods, nodes: n, want }) => {
    const all = withPods(n, pods ?? []);
    expect(interPodAffinityScores(p, all, { allNodes: all, namespaceLabels })).toEqual(want);
  });
});
