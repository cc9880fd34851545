/**
 * Rows ported from kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
 * (TestSingleConstraint, TestMultipleConstraints, TestPreFilterState), names kept. Expected codes
 * are upstream's: Success, Unschedulable (constraints not met) and UnschedulableAndUnresolvable
 * (node without the topology key). As upstream, only this plugin runs, so a row may accept a node
 * another filter would reject (upstream marks those "in real case, it's false").
 */
import { describe, expect, test } from 'vitest';
import { filterReasons } from '../../../src/models/scheduler/defaults.js';
import { filterTopologySpread, preFilterTopologySpread } from '../../../src/models/scheduler/pod-topology-spread.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { barSelector, fooPodsOn, fooSelector, fourNodes, mkNode, mkPod, spread, withPods } from './upstream-fixtures.js';

type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

const codeOf = (reason: string | null): Code =>
  reason === null ? 'Success' : reason === filterReasons.spreadMissingLabel ? 'UnschedulableAndUnresolvable' : 'Unschedulable';

function run(pod: PodView, nodes: NodeView[], existing: PodView[]): Record<string, Code> {
  const all = withPods(nodes, existing);
  const state = preFilterTopologySpread(pod, all);
  if (state === null) throw new Error('PreFilter skipped');
  return Object.fromEntries(all.map((n) => [n.name, codeOf(filterTopologySpread(state, n))]));
}

interface Row {
  name: string;
  pod: PodView;
  nodes: NodeView[];
  existing?: PodView[];
  want: Record<string, Code>;
}

const S = 'Success' as const;
const U = 'Unschedulable' as const;
const UU = 'UnschedulableAndUnresolvable' as const;
const fooPod = (...c: Parameters<typeof spread>[]) => mkPod('p', { labels: { foo: '' }, spread: c.map((a) => spread(...a)) });
const zone1 = (maxSkew = 1) => [maxSkew, 'zone', 'DoNotSchedule', fooSelector] as Parameters<typeof spread>;
const node1 = (maxSkew = 1) => [maxSkew, 'node', 'DoNotSchedule', fooSelector] as Parameters<typeof spread>;
const unschedulableTaint = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' as const }];
const fooNodes = (taintY = false) => [
  mkNode('node-a', { node: 'node-a', foo: '' }),
  mkNode('node-b', { node: 'node-b', foo: '' }),
  mkNode('node-x', { node: 'node-x', foo: '' }),
  taintY ? mkNode('node-y', { node: 'node-y' }, unschedulableTaint) : mkNode('node-y', { node: 'node-y' }),
];
const policyPods = () => [
  mkPod('p-b1', { node: 'node-a', labels: { foo: '' } }),
  mkPod('p-b2', { node: 'node-b', labels: { foo: '' } }),
  mkPod('p-y1', { node: 'node-y', labels: { foo: '' } }),
];
const threeNodes = () => ['a', 'b', 'c'].map((l) => mkNode(`node-${l}`, { node: `node-${l}` }));

describe('TestSingleConstraint', () => {
  test.each<Row>([
    { name: 'no existing pods', pod: fooPod(zone1()), nodes: fourNodes(), want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S } },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: mkPod('p', { labels: { foo: '' }, spread: [spread(1, 'zone', 'DoNotSchedule', barSelector)] }),
      nodes: fourNodes(),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: fooPod(zone1()),
      nodes: fourNodes(),
      existing: [
        mkPod('p-a1', { ns: 'ns1', node: 'node-a', labels: { foo: '' } }),
        mkPod('p-b1', { ns: 'ns2', node: 'node-a', labels: { foo: '' } }),
        mkPod('p-x1', { node: 'node-x', labels: { foo: '' } }),
        mkPod('p-y1', { node: 'node-y', labels: { foo: '' } }),
      ],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: fooPod(zone1()),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: fooPod(zone1()),
      nodes: [
        mkNode('node-a', { zone: 'zone1', node: 'node-a' }),
        mkNode('node-b', { zon: 'zone1', node: 'node-b' }),
        mkNode('node-x', { zone: 'zone2', node: 'node-x' }),
        mkNode('node-y', { zone: 'zone2', node: 'node-y' }),
      ],
      existing: fooPodsOn('a', 'b', 'x', 'y'),
      want: { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: fooPod([1, 'rack', 'DoNotSchedule', fooSelector]),
      nodes: [mkNode('node-a', { zone: 'zone1', node: 'node-a' }), mkNode('node-x', { zone: 'zone2', node: 'node-x' })],
      want: { 'node-a': UU, 'node-x': UU },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: fooPod(node1()),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: fooPod(node1(2)),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: mkPod('p', { labels: { bar: '' }, spread: [spread(...node1())] }),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityIn: { key: 'node', values: ['node-a', 'node-y'] }, spread: [spread(...node1())] }),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      // node-b and node-x: "in real case, it's false" (NodeAffinity rejects them).
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityNotIn: { key: 'node', values: ['node-b'] }, spread: [spread(...zone1())] }),
      nodes: fourNodes(),
      existing: fooPodsOn('b', 'b', 'y'),
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      pod: fooPod([2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 }]),
      nodes: threeNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'b', 'c'),
      want: { 'node-a': U, 'node-b': U, 'node-c': S },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      pod: fooPod([2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 }]),
      nodes: threeNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'b', 'c'),
      want: { 'node-a': S, 'node-b': S, 'node-c': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
      pod: fooPod([2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 }]),
      nodes: fourNodes(),
      existing: [mkPod('p-b1', { node: 'node-a', labels: { foo: '' } }), mkPod('p-b2', { node: 'node-b', labels: { foo: '' } }), mkPod('p-y1', { node: 'node-y', labels: { foo: '' } })],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
      pod: fooPod([2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 }]),
      nodes: fourNodes(),
      existing: [mkPod('p-b1', { node: 'node-a', labels: { foo: '' } }), mkPod('p-b2', { node: 'node-b', labels: { foo: '' } }), mkPod('p-y1', { node: 'node-y', labels: { foo: '' } })],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: mkPod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, spread: [spread(...node1())] }),
      nodes: fooNodes(),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: mkPod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, spread: [spread(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })] }),
      nodes: fooNodes(),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityIn: { key: 'foo', values: [''] }, spread: [spread(...node1())] }),
      nodes: fooNodes(),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors (nodeAffinity)',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityIn: { key: 'foo', values: [''] }, spread: [spread(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })] }),
      nodes: fooNodes(),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: mkPod('p', { labels: { foo: '' }, spread: [spread(1, 'node', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })] }),
      nodes: fooNodes(true),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: mkPod('p', { labels: { foo: '' }, spread: [spread(...node1())] }),
      nodes: fooNodes(true),
      existing: policyPods(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
  ])('$name', ({ pod, nodes, existing, want }) => {
    expect(run(pod, nodes, existing ?? [])).toEqual(want);
  });
});

describe('TestMultipleConstraints', () => {
  const fooBarPod = () =>
    mkPod('p', { labels: { foo: '', bar: '' }, spread: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', barSelector)] });
  const p = (name: string, node: string, labels: Record<string, string>) => mkPod(name, { node, labels });
  test.each<Row>([
    {
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: fooPod(zone1(), node1()),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y'),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
      pod: fooPod(zone1(), node1()),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y', 'y'),
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
      pod: fooBarPod(),
      nodes: fourNodes(),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-y1', 'node-y', { bar: '' })],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
      pod: fooBarPod(),
      nodes: fourNodes(),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-x1', 'node-x', { bar: '' }), p('p-y1', 'node-y', { bar: '' })],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
      pod: fooBarPod(),
      nodes: fourNodes(),
      existing: [
        p('p-a1', 'node-a', { foo: '' }),
        p('p-a2', 'node-a', { foo: '', bar: '' }),
        p('p-y1', 'node-y', { foo: '' }),
        p('p-y2', 'node-y', { foo: '', bar: '' }),
        p('p-y3', 'node-y', { foo: '' }),
      ],
      want: { 'node-a': U, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: mkPod('p', { labels: { bar: '' }, spread: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', barSelector)] }),
      nodes: fourNodes(),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-x1', 'node-x', { bar: '' }), p('p-y1', 'node-y', { bar: '' })],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: fooPod(zone1(), node1()),
      nodes: [
        mkNode('node-a', { zone: 'zone1', node: 'node-a' }),
        mkNode('node-b', { zone: 'zone1', node: 'node-b' }),
        mkNode('node-x', { zone: 'zone2' }),
        mkNode('node-y', { zone: 'zone2', node: 'node-y' }),
      ],
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-y3', 'node-y', { foo: '' })],
      want: { 'node-a': U, 'node-b': S, 'node-x': UU, 'node-y': U },
    },
  ])('$name', ({ pod, nodes, existing, want }) => {
    expect(run(pod, nodes, existing ?? [])).toEqual(want);
  });
});

describe('TestPreFilterState (counts per domain and the global minimum)', () => {
  test.each<{ name: string; pod: PodView; nodes: NodeView[]; existing: PodView[]; counts: Record<string, number>[]; min: number[] }>([
    {
      name: 'clean cluster with one spreadConstraint',
      pod: mkPod('p', { labels: { foo: '' }, spread: [spread(5, 'zone', 'DoNotSchedule', { matchLabels: { foo: 'bar' } })] }),
      nodes: fourNodes(),
      existing: [],
      counts: [{ zone1: 0, zone2: 0 }],
      min: [0],
    },
    { name: 'normal case with one spreadConstraint', pod: fooPod(zone1()), nodes: fourNodes(), existing: fooPodsOn('a', 'a', 'b', 'y', 'y'), counts: [{ zone1: 3, zone2: 2 }], min: [2] },
    {
      name: 'normal case with null label selector',
      pod: mkPod('p', { labels: { foo: '' }, spread: [spread(1, 'zone', 'DoNotSchedule', null)] }),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y'),
      counts: [{ zone1: 0, zone2: 0 }],
      min: [0],
    },
    {
      name: 'normal case with one spreadConstraint, on a 3-zone cluster',
      pod: fooPod(zone1()),
      nodes: [...fourNodes(), mkNode('node-o', { zone: 'zone3', node: 'node-o' }), mkNode('node-p', { zone: 'zone3', node: 'node-p' })],
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y'),
      counts: [{ zone1: 3, zone2: 2, zone3: 0 }],
      min: [0],
    },
    {
      name: "namespace mismatch doesn't count",
      pod: fooPod(zone1()),
      nodes: fourNodes(),
      existing: [
        mkPod('p-a1', { node: 'node-a', labels: { foo: '' } }),
        mkPod('p-a2', { ns: 'ns1', node: 'node-a', labels: { foo: '' } }),
        mkPod('p-b1', { node: 'node-b', labels: { foo: '' } }),
        mkPod('p-y1', { ns: 'ns2', node: 'node-y', labels: { foo: '' } }),
        mkPod('p-y2', { node: 'node-y', labels: { foo: '' } }),
      ],
      counts: [{ zone1: 2, zone2: 1 }],
      min: [1],
    },
    {
      name: 'normal case with two spreadConstraints',
      pod: fooPod(zone1(), node1()),
      nodes: fourNodes(),
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y', 'y'),
      counts: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 }],
      min: [3, 0],
    },
    {
      name: 'soft spreadConstraints should be bypassed',
      pod: fooPod([1, 'zone', 'ScheduleAnyway', fooSelector], zone1(), [1, 'node', 'ScheduleAnyway', fooSelector], node1()),
      nodes: [mkNode('node-a', { zone: 'zone1', node: 'node-a' }), mkNode('node-b', { zone: 'zone1', node: 'node-b' }), mkNode('node-y', { zone: 'zone2', node: 'node-y' })],
      existing: fooPodsOn('a', 'a', 'b', 'y', 'y', 'y', 'y'),
      counts: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-y': 4 }],
      min: [3, 1],
    },
  ])('$name', ({ pod, nodes, existing, counts, min }) => {
    const state = preFilterTopologySpread(pod, withPods(nodes, existing));
    expect(state?.counts.map((m) => Object.fromEntries(m))).toEqual(counts);
    expect(state?.minCounts).toEqual(min);
  });
});
