/**
 * When Karpenter tries a consolidation method again (pkg/controllers/state/cluster.go
 * ConsolidationState, disruption/consolidation.go IsConsolidated): the state renews itself when
 * it is five minutes old (`clock.Since(state) < 5m` keeps it), and a method marks itself
 * consolidated only when it ran over candidates, found nothing and no budget held it back
 * (multinodeconsolidation.go, singlenodeconsolidation.go).
 */
import { describe, expect, test } from 'vitest';
import { consolidationState } from '../../../../src/models/node-autoscaler/karpenter/consolidation-state.js';
import { planConsolidation, type ConsolidationInput } from '../../../../src/models/node-autoscaler/karpenter/plan-consolidation.js';
import type { NodePool } from '../../../../src/models/node-autoscaler/karpenter/types.js';
import { buildPod, GiB } from '../../scheduler/builders.js';
import { buildKNode, buildPool } from './builders.js';

const MINUTE = 60_000;

describe('consolidationState', () => {
  test.each([
    { name: 'a change 4m59.999s ago is still the state', lastChangeMs: 0, nowMs: 5 * MINUTE - 1, expected: 0 },
    { name: 'a change exactly 5m ago is renewed to now', lastChangeMs: 0, nowMs: 5 * MINUTE, expected: 5 * MINUTE },
    { name: 'a change at this instant is the state', lastChangeMs: 100_000, nowMs: 100_000, expected: 100_000 },
    { name: 'no change ever (upstream zero time) is renewed to now', lastChangeMs: -Infinity, nowMs: 10_000, expected: 10_000 },
  ])('$name', ({ lastChangeMs, nowMs, expected }) => {
    expect(consolidationState(lastChangeMs, nowMs)).toBe(expected);
  });
});

const pod = (name: string, cpuMilli: number) => buildPod(name, { cpuMilli, memoryBytes: GiB });
type Part = ReturnType<typeof buildKNode>;
function input(parts: Part[], pool: NodePool, o: Partial<ConsolidationInput> = {}): ConsolidationInput {
  return { nowMs: MINUTE, nodes: parts.map((p) => p.node), pods: parts.flatMap((p) => p.pods), nodePools: [pool], ...o };
}
// c5.xlarge is the cheapest type that holds 3000 m + the 150 m DaemonSet: nothing to consolidate.
const full = (name: string) => buildKNode(name, 'c5.xlarge', [pod(`${name}-p`, 3000)]);

describe('planConsolidation reports the methods that may mark themselves consolidated', () => {
  test.each([
    { name: 'nothing possible, no budget in the way: both', parts: [full('a')], pool: buildPool('default'), expected: { multiNode: true, singleNode: true } },
    // nodes "1" admits one of the two candidates to multi-node, which did not see them all;
    // single-node looks at every candidate of a pool whose budget is not zero, one at a time.
    { name: 'two candidates, budget 1: single-node only', parts: [full('a'), full('b')], pool: buildPool('default', { budgets: [{ nodes: '1' }] }), expected: { multiNode: false, singleNode: true } },
    { name: 'two candidates, budget 2: both', parts: [full('a'), full('b')], pool: buildPool('default', { budgets: [{ nodes: '2' }] }), expected: { multiNode: true, singleNode: true } },
    { name: 'budget 0: neither', parts: [full('a')], pool: buildPool('default', { budgets: [{ nodes: '0' }] }), expected: { multiNode: false, singleNode: false } },
    // consolidateAfter 2m has not elapsed: no candidate, and upstream does not consult a method
    // without candidates.
    { name: 'no candidate: neither', parts: [full('a')], pool: buildPool('default', { consolidateAfterMs: 2 * MINUTE }), expected: { multiNode: false, singleNode: false } },
  ])('$name', ({ parts, pool, expected }) => {
    const plan = planConsolidation(input(parts, pool));
    expect(plan.command).toBeNull();
    expect(plan.consolidated).toEqual(expected);
  });

  test('a command marks no method that did not finish empty-handed', () => {
    // A lone m5.2xlarge holding 2000 m is replaced by a c5.xlarge (single-node); multi-node ran
    // over one candidate and found nothing, so it may mark itself.
    const plan = planConsolidation(input([buildKNode('big', 'm5.2xlarge', [pod('x', 1000), pod('y', 1000)])], buildPool('default')));
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace' });
    expect(plan.consolidated).toEqual({ multiNode: true, singleNode: false });
    const empty = planConsolidation(input([buildKNode('e', 'm5.large', [])], buildPool('default')));
    expect(empty.command?.method).toBe('Emptiness');
    expect(empty.consolidated).toEqual({ multiNode: false, singleNode: false });
  });

  test.each([
    { name: 'both skipped: no command although one is possible', consolidated: { multiNode: true, singleNode: true }, method: null },
    { name: 'multi-node skipped: single-node still replaces', consolidated: { multiNode: true, singleNode: false }, method: 'SingleNodeConsolidation' },
    { name: 'none skipped', consolidated: { multiNode: false, singleNode: false }, method: 'SingleNodeConsolidation' },
  ])('a consolidated method is skipped: $name', ({ consolidated, method }) => {
    const big = buildKNode('big', 'm5.2xlarge', [pod('x', 1000), pod('y', 1000)]);
    const plan = planConsolidation(input([big], buildPool('default'), { consolidated }));
    expect(plan.command?.method ?? null).toBe(method);
    // A skipped method reports nothing to mark: its mark stands as it was.
    if (method === null) expect(plan.consolidated).toEqual({ multiNode: false, singleNode: false });
  });
});
