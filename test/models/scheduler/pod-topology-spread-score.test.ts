/**
 * Rows ported from kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go
 * (TestPodTopologySpreadScore), names kept: PreScore over the candidate nodes with counts taken
 * over all nodes (candidates + failed nodes), then Score and NormalizeScore.
 */
import { describe, expect, test } from 'vitest';
import { podOwnSpreadScores } from '../../../src/models/scheduler/pod-topology-spread.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { barSelector, fooPodsOn, fooSelector, mkNode, mkPod, spread, withPods } from './upstream-fixtures.js';

const H = 'kubernetes.io/hostname';
const hostNode = (name: string) => mkNode(name, { [H]: name });
const zoneNode = (name: string, zone: string) => mkNode(name, { zone, [H]: name });
const soft = (maxSkew: number, key: string, sel = fooSelector, extra = {}) => spread(maxSkew, key, 'ScheduleAnyway', sel, extra);
const fooPod = (...c: ReturnType<typeof spread>[]) => mkPod('p', { labels: { foo: '' }, spread: c });
const fooBarPod = () => mkPod('p', { labels: { foo: '', bar: '' }, spread: [soft(1, 'zone'), soft(1, H, barSelector)] });
const p = (name: string, node: string, labels: Record<string, string>, ns?: string) => mkPod(name, { node, labels, ns });
const unschedulableTaint = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' as const }];
const policyNodes = () => [mkNode('node-a', { node: 'node-a', foo: '' }), mkNode('node-b', { node: 'node-b', foo: '' }), mkNode('node-c', { node: 'node-c' })];
const taintNodes = () => [mkNode('node-a', { node: 'node-a' }), mkNode('node-b', { node: 'node-b' }), mkNode('node-c', { node: 'node-c' }, unschedulableTaint)];

interface Row {
  name: string;
  pod: PodView;
  existing?: PodView[];
  nodes: NodeView[];
  failedNodes?: NodeView[];
  want: number[];
}

describe('TestPodTopologySpreadScore', () => {
  test.each<Row>([
    { name: 'one constraint on node, no existing pods', pod: fooPod(soft(1, H)), nodes: [hostNode('node-a'), hostNode('node-b')], want: [100, 100] },
    {
      name: 'one constraint on node, only one node is candidate',
      pod: fooPod(soft(1, H)),
      existing: fooPodsOn('a', 'a', 'b'),
      nodes: [hostNode('node-a')],
      failedNodes: [hostNode('node-b')],
      want: [100],
    },
    {
      name: 'one constraint on node, all nodes have the same number of matching pods',
      pod: fooPod(soft(1, H)),
      existing: fooPodsOn('a', 'b'),
      nodes: [hostNode('node-a'), hostNode('node-b')],
      want: [100, 100],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates',
      pod: fooPod(soft(1, H)),
      existing: fooPodsOn('a', 'a', 'b', 'd', 'd', 'd'),
      nodes: ['a', 'b', 'c', 'd'].map((l) => hostNode(`node-${l}`)),
      want: [20, 60, 100, 0],
    },
    {
      name: 'one constraint on node, null selector',
      pod: fooPod(spread(1, H, 'ScheduleAnyway', null)),
      existing: fooPodsOn('a', 'a', 'b', 'd', 'd', 'd'),
      nodes: ['a', 'b', 'c', 'd'].map((l) => hostNode(`node-${l}`)),
      want: [100, 100, 100, 100],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
      pod: fooPod(soft(2, H)),
      existing: fooPodsOn('a', 'a', 'b', 'd', 'd', 'd'),
      nodes: ['a', 'b', 'c', 'd'].map((l) => hostNode(`node-${l}`)),
      want: [33, 66, 100, 16],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
      pod: fooPod(soft(3, H)),
      existing: fooPodsOn('a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd'),
      nodes: ['a', 'b', 'c', 'd'].map((l) => hostNode(`node-${l}`)),
      want: [44, 66, 77, 100],
    },
    {
      name: 'one constraint on node, 3 out of 4 nodes are candidates',
      pod: fooPod(soft(1, H)),
      existing: fooPodsOn('a', 'a', 'a', 'a', 'b', 'b', 'x', 'y', 'y', 'y'),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-x')],
      failedNodes: [hostNode('node-y')],
      want: [33, 83, 100],
    },
    {
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: fooPod(soft(1, H)),
      existing: fooPodsOn('a', 'a', 'a', 'a', 'b', 'b', 'x', 'y', 'y', 'y'),
      nodes: [hostNode('node-a'), mkNode('node-b', { n: 'node-b' }), hostNode('node-x')],
      failedNodes: [hostNode('node-y')],
      want: [16, 0, 100],
    },
    {
      name: 'one constraint on zone, 3 out of 4 nodes are candidates',
      pod: fooPod(soft(1, 'zone')),
      existing: fooPodsOn('a', 'a', 'a', 'a', 'b', 'b', 'x', 'y', 'y', 'y'),
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2')],
      failedNodes: [zoneNode('node-y', 'zone2')],
      want: [75, 75, 100],
    },
    {
      name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
      pod: fooPod(soft(1, 'zone'), soft(1, H)),
      existing: fooPodsOn('a', 'a', 'b', 'x', 'x', 'y', 'y', 'y', 'y'),
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-x', 'zone2')],
      failedNodes: [zoneNode('node-b', 'zone1'), zoneNode('node-y', 'zone2')],
      want: [100, 63],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors',
      pod: fooBarPod(),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-b1', 'node-b', { foo: '', bar: '' }), p('p-y1', 'node-y', { foo: '' }), p('p-y2', 'node-y', { bar: '' })],
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')],
      want: [60, 20, 100, 60],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
      pod: fooBarPod(),
      existing: [p('p-b1', 'node-b', { bar: '' }), p('p-x1', 'node-x', { foo: '' }), p('p-y1', 'node-y', { foo: '', bar: '' })],
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')],
      want: [100, 60, 40, 0],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
      pod: fooBarPod(),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-b1', 'node-b', { foo: '', bar: '' }), p('p-y1', 'node-y', { foo: '' }), p('p-y2', 'node-y', { bar: '' })],
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2')],
      failedNodes: [zoneNode('node-y', 'zone2')],
      want: [50, 25, 100],
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: fooPod(soft(1, H)),
      existing: [p('p-a1', 'node-a', { foo: '' }, 'ns1'), p('p-a2', 'node-a', { foo: '' }), p('p-b1', 'node-b', { foo: '' }), p('p-b2', 'node-b', { foo: '' })],
      nodes: [hostNode('node-a'), hostNode('node-b')],
      want: [100, 33],
    },
    {
      name: 'minDomains has no effect when ScheduleAnyway',
      pod: fooPod(soft(2, 'node', fooSelector, { minDomains: 10 })),
      existing: fooPodsOn('a', 'a', 'b', 'b', 'c'),
      nodes: ['a', 'b', 'c'].map((l) => mkNode(`node-${l}`, { node: `node-${l}` })),
      want: [75, 75, 100],
    },
    {
      name: 'NodeAffinityPolicy honoed with labelSelectors',
      pod: mkPod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, spread: [soft(1, 'node')] }),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: policyNodes(),
      want: [0, 33, 100],
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: mkPod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, spread: [soft(1, 'node', fooSelector, { nodeAffinityPolicy: 'Ignore' })] }),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: policyNodes(),
      want: [66, 100, 100],
    },
    {
      name: 'NodeAffinityPolicy honoed with nodeAffinity',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityIn: { key: 'foo', values: [''] }, spread: [soft(1, 'node')] }),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: policyNodes(),
      want: [0, 33, 100],
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: mkPod('p', { labels: { foo: '' }, nodeAffinityIn: { key: 'foo', values: [''] }, spread: [soft(1, 'node', fooSelector, { nodeAffinityPolicy: 'Ignore' })] }),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: policyNodes(),
      want: [66, 100, 100],
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: fooPod(soft(1, 'node', fooSelector, { nodeTaintsPolicy: 'Honor' })),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: taintNodes(),
      want: [0, 33, 100],
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: fooPod(soft(1, 'node')),
      existing: fooPodsOn('a', 'a', 'b', 'c'),
      nodes: taintNodes(),
      want: [66, 100, 100],
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
      pod: mkPod('p', { labels: { foo: '', bar: '' }, spread: [soft(1, 'zone', {}, { matchLabelKeys: ['foo'] }), soft(1, H, {}, { matchLabelKeys: ['bar'] })] }),
      existing: [p('p-a1', 'node-a', { foo: '' }), p('p-b1', 'node-b', { foo: '', bar: '' }), p('p-y1', 'node-c', { foo: '' }), p('p-y2', 'node-c', { bar: '' })],
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-c', 'zone2'), zoneNode('node-d', 'zone2')],
      want: [60, 20, 60, 100],
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: mkPod('p', { labels: { foo: '', bar: '', baz: '' }, spread: [soft(1, 'zone'), soft(1, H, barSelector, { matchLabelKeys: ['baz'] })] }),
      existing: [
        p('p-a1', 'node-a', { foo: '' }),
        p('p-b1', 'node-b', { foo: '', bar: '', baz: '' }),
        p('p-c1', 'node-c', { foo: '' }),
        p('p-c2', 'node-c', { bar: '' }),
        p('p-d3', 'node-c', { bar: '', baz: '' }),
      ],
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-c', 'zone2'), zoneNode('node-d', 'zone2')],
      want: [60, 20, 60, 100],
    },
  ])('$name', ({ pod, existing, nodes, failedNodes, want }) => {
    const all = withPods([...nodes, ...(failedNodes ?? [])], existing ?? []);
    const feasible = all.slice(0, nodes.length);
    expect(podOwnSpreadScores(pod, feasible, all)).toEqual(want);
  });
});
