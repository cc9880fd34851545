/**
 * getCandidates keeps what it knows of a node list without the clock (pods to move, the checks
 * that do not depend on time, the eviction costs' sum) for the next call with the same lists, as
 * the disruption controller's polls on an unchanged cluster make. The clock's checks must still
 * come out as for fresh lists: consolidateAfter, and the lifetime left in the disruption cost.
 */
import { describe, expect, test } from 'vitest';
import { getCandidates, type CandidateInput } from '../../../../src/models/node-autoscaler/karpenter/consolidation-candidates.js';
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
  const input: Omit<CandidateInput, 'nowMs'> = {
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
