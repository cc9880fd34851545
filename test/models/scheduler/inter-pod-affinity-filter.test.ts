/**
 * Rows ported from kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
 * (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes), names kept. Upstream
 * statuses map to the reasons: UnschedulableAndUnresolvable + ErrReasonAffinityRulesNotMatch,
 * Unschedulable + ErrReasonAntiAffinityRulesNotMatch or ErrReasonExistingAntiAffinityRulesNotMatch.
 */
import { describe, expect, test } from 'vitest';
import { filterReasons } from '../../../src/models/scheduler/defaults.js';
import { filterInterPodAffinity, preFilterInterPodAffinity } from '../../../src/models/scheduler/inter-pod-affinity.js';
import type { LabelSelectorRequirement, NodeView, PodAffinityTerm, PodView } from '../../../src/models/scheduler/types.js';
import { mkNode, mkPod, withPods, type Labels } from './upstream-fixtures.js';

const AFF = filterReasons.podAffinityNotMatch;
const ANTI = filterReasons.podAntiAffinityNotMatch;
const EXIST = filterReasons.existingAntiAffinityNotMatch;
const OK = null;

const req = (key: string, operator: LabelSelectorRequirement['operator'], values?: string[]): LabelSelectorRequirement => ({ key, operator, values });
/** A PodAffinityTerm with matchExpressions; topologyKey '' when upstream leaves it unset. */
const term = (topologyKey: string, ...e: LabelSelectorRequirement[]): PodAffinityTerm => ({ labelSelector: { matchExpressions: e }, topologyKey });
const teamSel = (team: string) => ({ matchExpressions: [req('team', 'In', [team])] });
const withNs = (t: PodAffinityTerm, namespaces: string[]): PodAffinityTerm => ({ ...t, namespaces });

/** createPodWithAffinityTerms(namespace, nodeName, labels, affinity, antiAffinity); upstream's default namespace is "". */
let seq = 0;
const podWith = (ns: string, node: string, labels: Labels | undefined, affinity: PodAffinityTerm[] | undefined, anti: PodAffinityTerm[] | undefined, name = 'p') =>
  mkPod(`${name}-${node || 'pending'}-${seq++}`, { ns, node: node || undefined, labels, affinity, antiAffinity: anti });
const plain = (node: string, labels: Labels, ns = '') => mkPod(`e-${node}-${seq++}`, { ns, node, labels });

/** The namespaces of the upstream test (name → labels). */
const namespaceLabels = {
  'subteam1.team1': { team: 'team1' },
  'subteam2.team1': { team: 'team1' },
  'subteam1.team2': { team: 'team2' },
  'subteam2.team2': { team: 'team2' },
};

function run(pod: PodView, nodes: NodeView[], existing: PodView[]): (string | null)[] {
  const all = withPods(nodes, existing);
  const state = preFilterInterPodAffinity(pod, { allNodes: all, namespaceLabels });
  return all.map((n) => (state === null ? null : filterInterPodAffinity(state, n)));
}

describe('TestRequiredAffinitySingleNode', () => {
  const podLabel = { service: 'securityscan' };
  const podLabel2 = { security: 'S1' };
  const node1 = () => [mkNode('machine1', { region: 'r1', zone: 'z11' })];
  const inScan = req('service', 'In', ['securityscan', 'value2']);
  const inAntivirus = req('service', 'In', ['antivirusscan', 'value2']);
  test.each<{ name: string; pod: PodView; pods: PodView[]; want: string | null }>([
    { name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', pod: mkPod('p', { ns: '' }), pods: [], want: OK },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: podWith('', '', podLabel2, [term('region', inScan)], undefined),
      pods: [plain('machine1', podLabel)],
      want: OK,
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: podWith('', '', podLabel2, [term('region', req('service', 'NotIn', ['securityscan3', 'value3']))], undefined),
      pods: [plain('machine1', podLabel)],
      want: OK,
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: podWith('', '', podLabel2, [withNs(term('', inScan), ['DiffNameSpace'])], undefined),
      pods: [plain('machine1', podLabel, 'ns')],
      want: AFF,
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: podWith('', '', podLabel, [term('', inAntivirus)], undefined),
      pods: [plain('machine1', podLabel)],
      want: AFF,
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: podWith('', '', podLabel2, [
        term('region', req('service', 'Exists'), req('wrongkey', 'DoesNotExist')),
        term('region', req('service', 'In', ['securityscan']), req('service', 'NotIn', ['WrongValue'])),
      ], undefined),
      pods: [plain('machine1', podLabel)],
      want: OK,
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: podWith('', '', podLabel2, [
        term('region', req('service', 'Exists'), req('wrongkey', 'DoesNotExist')),
        term('region', req('service', 'In', ['securityscan2']), req('service', 'NotIn', ['WrongValue'])),
      ], undefined),
      pods: [plain('machine1', podLabel)],
      want: AFF,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: podWith('', '', podLabel2, [term('region', inScan)], [term('node', inAntivirus)]),
      pods: [plain('machine1', podLabel)],
      want: OK,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: podWith('', '', podLabel2, [term('region', inScan)], [term('node', inAntivirus)]),
      pods: [podWith('', 'machine1', podLabel, undefined, [term('node', inAntivirus)])],
      want: OK,
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: podWith('', '', podLabel2, [term('region', inScan)], [term('zone', inScan)]),
      pods: [plain('machine1', podLabel)],
      want: ANTI,
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: podWith('', '', podLabel, [term('region', inScan)], [term('node', inAntivirus)]),
      pods: [podWith('', 'machine1', podLabel, undefined, [term('zone', inScan)])],
      want: EXIST,
    },
    {
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: podWith('', '', podLabel, [term('region', req('service', 'NotIn', ['securityscan', 'value2']))], undefined),
      // The existing pod is on machine2, which is not in the snapshot.
      pods: [],
      want: AFF,
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: mkPod('p', { ns: '', labels: podLabel }),
      pods: [podWith('', 'machine1', podLabel, undefined, [term('zone', inScan)])],
      want: EXIST,
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: mkPod('p', { ns: '', labels: podLabel }),
      pods: [podWith('', 'machine1', podLabel, undefined, [term('zone', req('service', 'NotIn', ['securityscan', 'value2']))])],
      want: OK,
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: podWith('', '', podLabel, undefined, [term('region', req('service', 'Exists')), term('region', req('security', 'Exists'))]),
      pods: [podWith('', 'machine1', podLabel2, undefined, [term('zone', req('security', 'Exists'))])],
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: podWith('', '', podLabel, undefined, [term('zone', req('service', 'Exists')), term('zone', req('security', 'Exists'))]),
      pods: [podWith('', 'machine1', podLabel2, undefined, [term('zone', req('security', 'Exists'))])],
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: podWith('', '', podLabel2, undefined, [term('zone', req('security', 'Exists'))]),
      pods: [podWith('', 'machine1', podLabel, undefined, [term('zone', req('service', 'Exists')), term('zone', req('security', 'Exists'))])],
      want: EXIST,
    },
    {
      name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: podWith('', '', { abc: '', xyz: '' }, undefined, [term('zone', req('abc', 'Exists')), term('zone', req('def', 'Exists'))]),
      pods: [podWith('', 'machine1', { def: '', xyz: '' }, undefined, [term('zone', req('abc', 'Exists')), term('zone', req('def', 'Exists'))])],
      // The pod's own anti-affinity is checked before the existing pods' (current Filter order).
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: podWith('', '', { def: '', xyz: '' }, undefined, [term('zone', req('abc', 'Exists')), term('zone', req('def', 'Exists'))]),
      pods: [podWith('', 'machine1', { abc: '', xyz: '' }, undefined, [term('zone', req('abc', 'Exists')), term('zone', req('def', 'Exists'))])],
      want: ANTI,
    },
    {
      name: 'affinity with NamespaceSelector',
      pod: podWith('', '', podLabel2, [{ ...term('region', inScan), namespaceSelector: teamSel('team1') }], undefined),
      pods: [plain('machine1', podLabel, 'subteam1.team1')],
      want: OK,
    },
    {
      name: 'affinity with non-matching NamespaceSelector',
      pod: podWith('', '', podLabel2, [{ ...term('region', inScan), namespaceSelector: teamSel('team1') }], undefined),
      pods: [plain('machine1', podLabel, 'subteam1.team2')],
      want: AFF,
    },
    {
      name: 'anti-affinity with matching NamespaceSelector',
      pod: podWith('subteam1.team1', '', podLabel2, undefined, [{ ...term('zone', inScan), namespaceSelector: teamSel('team1') }]),
      pods: [plain('machine1', podLabel, 'subteam2.team1')],
      want: ANTI,
    },
    {
      name: 'anti-affinity with matching all NamespaceSelector',
      pod: podWith('subteam1.team1', '', podLabel2, undefined, [{ ...term('zone', inScan), namespaceSelector: {} }]),
      pods: [plain('machine1', podLabel, 'subteam2.team1')],
      want: ANTI,
    },
    {
      name: 'anti-affinity with non-matching NamespaceSelector',
      pod: podWith('subteam1.team1', '', podLabel2, undefined, [{ ...term('zone', inScan), namespaceSelector: teamSel('team1') }]),
      pods: [plain('machine1', podLabel, 'subteam1.team2')],
      want: OK,
    },
  ])('$name', ({ pod, pods, want }) => {
    expect(run(pod, node1(), pods)).toEqual([want]);
  });
});

describe('TestRequiredAffinityMultipleNodes', () => {
  const labelRgChina = { region: 'China' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const labelRgIndia = { region: 'India' };
  test.each<{ name: string; pod: PodView; pods: PodView[]; nodes: NodeView[]; want: (string | null)[] }>([
    {
      name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
      pod: podWith('', '', undefined, [term('region', req('foo', 'In', ['bar']))], undefined),
      pods: [plain('machine1', { foo: 'bar' })],
      nodes: [mkNode('machine1', labelRgChina), mkNode('machine2', labelRgChinaAzAz1), mkNode('machine3', labelRgIndia)],
      want: [OK, OK, AFF],
    },
    {
      name:
        'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
        "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
      pod: podWith('', '', { foo: 'bar', service: 'securityscan' }, [term('zone', req('foo', 'In', ['bar'])), term('zone', req('service', 'In', ['securityscan']))], undefined),
      pods: [plain('nodeA', { foo: 'bar' })],
      nodes: [mkNode('nodeA', { zone: 'az1', hostname: 'h1' }), mkNode('nodeB', { zone: 'az2', hostname: 'h2' })],
      want: [OK, OK],
    },
    {
      name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
      pod: podWith('', '', { foo: 'bar', service: 'securityscan' }, [term('zone', req('foo', 'In', ['bar'])), term('zone', req('service', 'In', ['securityscan']))], undefined),
      pods: [plain('nodeA', { foo: 'bar' })],
      nodes: [mkNode('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), mkNode('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
      want: [AFF, AFF],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
      pod: podWith('', '', undefined, undefined, [term('region', req('foo', 'In', ['abc']))]),
      pods: [plain('nodeA', { foo: 'abc' })],
      nodes: [mkNode('nodeA', { region: 'r1', hostname: 'nodeA' }), mkNode('nodeB', { region: 'r1', hostname: 'nodeB' })],
      want: [ANTI, ANTI],
    },
    {
      name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
      pod: podWith('', '', undefined, undefined, [term('region', req('foo', 'In', ['abc'])), term('zone', req('service', 'In', ['securityscan']))]),
      pods: [plain('nodeA', { foo: 'abc', service: 'securityscan' })],
      nodes: [mkNode('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), mkNode('nodeB', { region: 'r1', zone: 'z2', hostname: 'nodeB' })],
      want: [ANTI, ANTI],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
      pod: podWith('', '', undefined, undefined, [term('region', req('foo', 'In', ['abc']))]),
      pods: [plain('nodeA', { foo: 'abc' })],
      nodes: [mkNode('nodeA', labelRgChina), mkNode('nodeB', labelRgChinaAzAz1), mkNode('nodeC', labelRgIndia)],
      want: [ANTI, ANTI, OK],
    },
  ])('$name', ({ pod, pods, nodes, want }) => {
    expect(run(pod, nodes, pods)).toEqual(want);
  });
});
