/**
 * getCandidates keeps what it knows of a node list without the clock (pods to move, the checks
 * that do not depend on time, the eviction costs' sum) for the next call with the same lists, as
 * the disruption controller's polls on an unchanged cluster make. The clock's checks must still
 * come out as for fresh lists: consolidateAfter, and the lifetime left in the disruption cost.
 */
import { describe, expect, test } from 'vitest';
import { getCandidates, type CandidateInput } from '../../../../src/models/node-autoscaler/karpenter/consolidation-candidates.js';
import { boundPodsOf } from '../../../../src/models/node-autoscaler/bound-pods.js';
import type { PodView } from '../../../../src/models/scheduler/types.js';
import { buildPod, GiB } from '../../scheduler/builders.js';
import { buildKNode, buildPool } from './builders.js';

const HOUR = 3_600_000;

describe('getCandidates on the same lists at different times', () => {
  // old: created at 0, its last pod event at 0; priority 2^25 costs 2, a plain pod 1 (sum 3).
  // fresh: last pod event at 2 h. blocked: a do-not-disrupt pod, rejected whatever the time.
  const old = buildKNode('old', 'm5.xlarge', [buildPod('a', { cpuMilli: 500, memoryBytes: GiB, priority: 2 ** 25 }), buildPod('b', { cpuMilli: 500, memoryBytes: GiB })], { createdMs: 0, lastPodEventMs: 0 });
  const fresh = buildKNode('fresh', 'm5.xlarge', [buildPod('c', { cpuMilli: 500, memoryBytes: GiB })], { createdMs: 0, lastPodEventMs: 2 * HOUR });
  const blocked = buildKNode('blocked', 'm5.xlarge', [buildPod('d', { cpuMilli: 500, memoryBytes: GiB, annotations: { 'karpenter.sh/do-not-disrupt': 'true' } })]);
  const parts = [old, fresh, blocked];
  const input: Omit<CandidateInput, 'nowMs'> & { readonly pods: CandidateInput['pods'] & object } = {
    nodes: parts.map((p) => p.node),
    pods: parts.flatMap((p) => p.pods),
    // consolidateAfter 1 h; expireAfter 720 h.
    nodePools: [buildPool('default', { consolidateAfterMs: HOUR })],
  };

  test.each([
    // At 2.5 h: old is a candidate, cost 3 x (1 - 2.5/720); fresh's hour has not passed.
    { nowMs: 2.5 * HOUR, candidates: [['old', 3 * (1 - 2.5 / 720)]], notConsolidatable: ['fresh'] },
    // At 3 h both are, fresh at 1 x (1 - 3/720).
    { nowMs: 3 * HOUR, candidates: [['old', 3 * (1 - 3 / 720)], ['fresh', 1 - 3 / 720]], notConsolidatable: [] },
    // Back at 1.5 h (a second call need not be later): only old.
    { nowMs: 1.5 * HOUR, candidates: [['old', 3 * (1 - 1.5 / 720)]], notConsolidatable: ['fresh'] },
  ])('at $nowMs ms, the same lists again', ({ nowMs, candidates, notConsolidatable }) => {
    const again = getCandidates({ ...input, nowMs });
    expect(again.candidates.map((c) => [c.node.name, c.disruptionCost])).toEqual(candidates.map(([n, cost]) => [n, expect.closeTo(cost as number, 12)]));
    expect(Object.entries(again.rejected).filter(([, r]) => r.reason === 'NotConsolidatable').map(([n]) => n)).toEqual(notConsolidatable);
    expect(again.rejected['blocked']?.reason).toBe('DoNotDisrupt');
    // Fresh copies of the lists share nothing with the remembered facts: the same answer to the bit.
    const copies = getCandidates({ ...input, nodes: [...input.nodes], pods: [...input.pods], nodePools: [...input.nodePools], nowMs });
    expect(again).toEqual(copies);
  });

  test('other pods with the same node list are not answered from the remembered facts', () => {
    const first = getCandidates({ ...input, nowMs: 3 * HOUR });
    expect(first.candidates.find((c) => c.node.name === 'old')?.pods).toHaveLength(2);
    const fewer = getCandidates({ ...input, pods: input.pods.filter((p) => p.name !== 'b'), nowMs: 3 * HOUR });
    expect(fewer.candidates.find((c) => c.node.name === 'old')?.pods.map((p) => p.name)).toEqual(['a']);
  });
});

describe('getCandidates after one node changed (the other nodes keep their facts)', () => {
  // The controller's view changes whenever any pod binds or leaves anywhere; each node's facts are
  // kept while its own pods and NodeClaim facts are the same objects. Every case changes one
  // thing on one node, and must answer as a fresh computation on copies of the lists does.
  const one = buildKNode('one', 'm5.xlarge', [buildPod('a', { cpuMilli: 500, memoryBytes: GiB }), buildPod('b', { cpuMilli: 500, memoryBytes: GiB })], { createdMs: 0, lastPodEventMs: 0 });
  const two = buildKNode('two', 'm5.xlarge', [buildPod('c', { cpuMilli: 500, memoryBytes: GiB, priority: 2 ** 25 })], { createdMs: 0, lastPodEventMs: 0 });
  // The pods as bound to their nodes.
  const [a, b] = one.pods as [PodView, PodView];
  const [c] = two.pods as [PodView];
  const nodePools = [buildPool('default', { consolidateAfterMs: HOUR })];
  const nowMs = 2 * HOUR;
  const base = { nowMs, nodes: [one.node, two.node], pods: [a, b, c], nodePools };
  const pinned = { ...b, annotations: { 'karpenter.sh/do-not-disrupt': 'true' } };
  const pdbZero = { ...b, pdb: { name: 'b-pdb', disruptionsAllowed: 0 } };
  const fresh = (input: CandidateInput) =>
    getCandidates({ nowMs: input.nowMs, nodes: input.nodes.map((n) => ({ ...n })), pods: (input.pods ?? []).map((p) => ({ ...p })), nodePools: input.nodePools.map((p) => ({ ...p })) });
  const summary = (r: ReturnType<typeof getCandidates>) => ({
    candidates: r.candidates.map((x) => [x.node.name, x.pods.map((p) => p.name), x.disruptionCost]),
    rejected: Object.fromEntries(Object.entries(r.rejected).map(([n, why]) => [n, why.reason])),
  });

  test.each([
    { name: 'a pod leaves node one', pods: [a, c], nodes: [one.node, two.node] },
    { name: 'a pod of node one gets the do-not-disrupt annotation', pods: [a, pinned, c], nodes: [one.node, two.node] },
    { name: "a pod of node one's PDB allows no disruption", pods: [a, pdbZero, c], nodes: [one.node, two.node] },
    { name: 'node one is being deleted', pods: [a, b, c], nodes: [{ ...one.node, deleting: true }, two.node] },
    { name: 'node one is not initialized', pods: [a, b, c], nodes: [{ ...one.node, initializedMs: null }, two.node] },
    { name: 'node one has its last pod event now', pods: [a, b, c], nodes: [{ ...one.node, lastPodEventMs: nowMs }, two.node] },
  ])('$name', ({ pods, nodes }) => {
    getCandidates(base);
    const changed = { nowMs, nodes, pods, nodePools };
    const expected = summary(fresh(changed));
    expect(summary(getCandidates(changed))).toEqual(expected);
    // The same through pods grouped by node, as the simulation passes them.
    getCandidates({ ...base, pods: undefined, boundPods: boundPodsOf(base.pods) });
    expect(summary(getCandidates({ nowMs, nodes, boundPods: boundPodsOf(pods), nodePools }))).toEqual(expected);
  });

  test('the fresh answers differ from the unchanged one (the cases change something)', () => {
    const unchanged = summary(fresh(base));
    expect(summary(fresh({ ...base, pods: [a, c] }))).not.toEqual(unchanged);
    expect(summary(fresh({ ...base, pods: [a, pinned, c] }))).not.toEqual(unchanged);
    expect(summary(fresh({ ...base, pods: [a, pdbZero, c] }))).not.toEqual(unchanged);
    expect(summary(fresh({ ...base, nodes: [{ ...one.node, deleting: true }, two.node] }))).not.toEqual(unchanged);
    expect(summary(fresh({ ...base, nodes: [{ ...one.node, initializedMs: null }, two.node] }))).not.toEqual(unchanged);
    expect(summary(fresh({ ...base, nodes: [{ ...one.node, lastPodEventMs: nowMs }, two.node] }))).not.toEqual(unchanged);
  });
});
