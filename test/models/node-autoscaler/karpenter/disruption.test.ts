import { describe, expect, test } from 'vitest';
import { allowedDisruptions, budgetAllows } from '../../../../src/models/node-autoscaler/karpenter/disruption-budget.js';
import { disruptionCost, evictionCost } from '../../../../src/models/node-autoscaler/karpenter/disruption-cost.js';
import { findExpiredNodes } from '../../../../src/models/node-autoscaler/karpenter/expiration.js';
import { getCandidates } from '../../../../src/models/node-autoscaler/karpenter/consolidation-candidates.js';
import { planConsolidation, type ConsolidationInput } from '../../../../src/models/node-autoscaler/karpenter/plan-consolidation.js';
import { simulateConsolidation } from '../../../../src/models/node-autoscaler/karpenter/simulate-consolidation.js';
import { PlacementSnapshot } from '../../../../src/models/scheduler/placement-snapshot.js';
import type { InstanceOffering, KarpenterNodeView, NodePool, PodView } from '../../../../src/models/node-autoscaler/karpenter/types.js';
import { podGroupOf } from '../../../../src/models/scheduler/scheduling-context.js';
import { buildPod, GiB } from '../../scheduler/builders.js';
import { buildKNode, buildPool, offerings } from './builders.js';

const HOUR = 3_600_000;

describe('disruption budgets (nodes: "10%" rounds up)', () => {
  test.each([
    { nodes: '10%', total: 10, expected: 1 },
    { nodes: '10%', total: 19, expected: 2 }, // ceil(1.9)
    { nodes: '10%', total: 1, expected: 1 }, // ceil(0.1)
    { nodes: '10%', total: 0, expected: 0 },
    { nodes: '20%', total: 19, expected: 4 }, // docs example: ceil(3.8)
    { nodes: '5', total: 19, expected: 5 },
  ])('$nodes of $total nodes → $expected', ({ nodes, total, expected }) => {
    expect(budgetAllows({ nodes }, total)).toBe(expected);
  });

  test('nodes already disrupting are subtracted; several budgets → the minimum; reasons scope a budget', () => {
    const budgets = [{ nodes: '50%' }, { nodes: '3' }, { nodes: '0', reasons: ['Underutilized' as const] }];
    expect(allowedDisruptions(budgets, 'Empty', 10, 1).allowed).toBe(2); // min(5, 3) − 1
    expect(allowedDisruptions(budgets, 'Underutilized', 10, 0)).toMatchObject({ allowed: 0, reason: 'BudgetExhausted' });
    expect(allowedDisruptions([{ nodes: '0', active: false }], 'Empty', 10, 0).allowed).toBe(10);
  });
});

test('disruption cost: priority 2^25 adds 1 per pod; half the lifetime left halves the cost', () => {
  const p = buildPod('p', { priority: 2 ** 25 });
  expect(evictionCost(p)).toBe(2);
  expect(evictionCost(buildPod('q', { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(2 ** 30) } }))).toBe(9);
  expect(disruptionCost([p, buildPod('r')], 360 * HOUR, 0, 720 * HOUR)).toBe(1.5); // (2 + 1) × 0.5
});

function input(parts: { node: KarpenterNodeView; pods: PodView[] }[], o: Partial<ConsolidationInput> = {}, pool: NodePool = buildPool('default')): ConsolidationInput {
  return { nowMs: HOUR, nodes: parts.map((p) => p.node), pods: parts.flatMap((p) => p.pods), nodePools: [pool], ...o };
}
const pod = (name: string, cpuMilli: number, extra: Partial<PodView> = {}) => buildPod(name, { cpuMilli, memoryBytes: GiB, ...extra });

const ZONE = 'topology.kubernetes.io/zone';
const inZone = (o: InstanceOffering, zone: string, price = o.priceUsdPerHour): InstanceOffering => ({ ...o, priceUsdPerHour: price, labels: { ...o.labels, [ZONE]: zone } });
/** m5.large and m5.xlarge in zones a and b; zone b's m5.large costs 0.090 instead of 0.096 $/h. */
const zonalPool = () =>
  buildPool('default', { offerings: [inZone(offerings['m5.large']!, 'a'), inZone(offerings['m5.large']!, 'b', 0.09), inZone(offerings['m5.xlarge']!, 'a'), inZone(offerings['m5.xlarge']!, 'b')] });
/** An m5.xlarge in `zone` running pod `p`, its group counted for the cluster-wide filters. */
const nodeIn = (name: string, zone: string, p: PodView) =>
  buildKNode(name, 'm5.xlarge', [p], { labels: { 'kubernetes.io/hostname': name, [ZONE]: zone }, podGroups: [{ group: podGroupOf(p), count: 1 }] });

describe('planConsolidation', () => {
  test('an empty node is deleted once consolidateAfter has passed (Emptiness)', () => {
    const busy = buildKNode('busy', 'm5.xlarge', [pod('a', 3000)]);
    const empty = buildKNode('empty', 'm5.xlarge', [], { lastPodEventMs: 0 });
    const pool = buildPool('default', { consolidateAfterMs: 30_000 });
    const plan = planConsolidation(input([busy, empty], { nowMs: 30_000 }, pool));
    expect(plan.command).toMatchObject({ method: 'Emptiness', reason: 'Empty', action: 'Delete', candidates: ['empty'], savingsUsdPerHour: 0.192 });
    const early = planConsolidation(input([busy, empty], { nowMs: 29_999 }, pool));
    expect(early.command).toBeNull();
    expect(early.candidateReasons['empty']?.reason).toBe('NotConsolidatable');
  });

  test('budget 10 % of 10 empty nodes lets one go per command', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => buildKNode(`e${i}`, 'm5.large', []));
    const plan = planConsolidation(input(nodes));
    expect(plan.command?.candidates).toHaveLength(1);
    expect(Object.values(plan.candidateReasons).filter((r) => r.reason === 'BudgetExhausted')).toHaveLength(9);
  });

  test('multi-node: two half-empty m5.xlarge (0.384 $/h) become one c5.xlarge (0.170 $/h)', () => {
    // Removing both leaves 2000 m + 2 GiB (+150 m DaemonSet): cheapest type under 0.384 that fits is c5.xlarge.
    const a = buildKNode('a', 'm5.xlarge', [pod('pa', 1000)]);
    const b = buildKNode('b', 'm5.xlarge', [pod('pb', 1000)]);
    const plan = planConsolidation(input([a, b], {}, buildPool('default', { budgets: [{ nodes: '100%' }] })));
    expect(plan.command).toMatchObject({ method: 'MultiNodeConsolidation', action: 'Replace', candidates: ['a', 'b'] });
    expect(plan.command?.replacement?.offering.instanceType).toBe('c5.xlarge');
    expect(plan.command?.savingsUsdPerHour).toBeCloseTo(0.384 - 0.17, 12);
  });

  test('single-node delete: the only candidate\'s pod fits on a node that may not be disrupted', () => {
    const keep = buildKNode('keep', 'm5.xlarge', [pod('k', 2000)], { annotations: { 'karpenter.sh/do-not-disrupt': 'true' } });
    const small = buildKNode('small', 'm5.xlarge', [pod('s', 500)]);
    const plan = planConsolidation(input([keep, small]));
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Delete', candidates: ['small'], savingsUsdPerHour: 0.192 });
    expect(plan.candidateReasons['keep']?.reason).toBe('DoNotDisrupt');
  });

  test('single-node replace: a lone m5.2xlarge holding 2000 m is replaced by a c5.xlarge', () => {
    const big = buildKNode('big', 'm5.2xlarge', [pod('x', 1000), pod('y', 1000)]);
    const plan = planConsolidation(input([big]));
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace', candidates: ['big'] });
    expect(plan.command?.replacement?.offering.instanceType).toBe('c5.xlarge');
  });

  test('a node already on the cheapest fitting type is kept', () => {
    const n = buildKNode('n', 'c5.xlarge', [pod('x', 3000)]);
    const plan = planConsolidation(input([n]));
    expect(plan.command).toBeNull();
    expect(plan.candidateReasons['n']).toEqual({ reason: 'ConsolidationFailed', message: "can't replace with a cheaper node" });
  });

  describe('a replacement honours the moved pods\' DoNotSchedule zone spread (maxSkew 1)', () => {
    // Three m5.xlarge (3920 m, 0.192 $/h): a1 in zone a runs web-1, b1 in zone b runs web-2, c1 in
    // zone a runs big (2800 m), leaving 3920 − 150 − 2800 = 970 m, too little for a web pod. Budget
    // 10 % of 3 nodes admits one candidate; the costs are equal (one pod each), so names decide: a1.
    // m5.large costs 0.096 in zone a and 0.090 in zone b.
    // Without the spread web-1 fits on b1 (2770 m free): a1 is deleted. With it, web-1 on b1 makes
    // zone b 2 and zone a 0 (c1 keeps zone a a domain): skew 2 > 1, and c1 is full, so web-1 needs a
    // new node. In zone b the same skew forbids it; in zone a the counts become 1 and 1. The
    // cheapest option under 0.192 in zone a is the m5.large at 0.096, although zone b's is cheaper.
    const pool = zonalPool();
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'web' } } }];
    const cluster = (withSpread: boolean) => {
      const web = (name: string) => pod(name, 1000, { labels: { app: 'web' }, ...(withSpread ? { topologySpreadConstraints: spread } : {}) });
      return [nodeIn('a1', 'a', web('web-1')), nodeIn('b1', 'b', web('web-2')), nodeIn('c1', 'a', pod('big', 2800, { workload: 'big', labels: { app: 'big' } }))];
    };

    test('without it, web-1 moves to b1 and a1 is deleted', () => {
      const plan = planConsolidation(input(cluster(false), {}, pool));
      expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Delete', candidates: ['a1'] });
    });

    test('with it, a1 is replaced by the m5.large of its own zone, not the cheaper one of zone b', () => {
      const plan = planConsolidation(input(cluster(true), {}, pool));
      expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace', candidates: ['a1'] });
      expect(plan.command?.replacement?.offering).toMatchObject({ instanceType: 'm5.large', priceUsdPerHour: 0.096, labels: { [ZONE]: 'a' } });
      expect(plan.command?.savingsUsdPerHour).toBeCloseTo(0.096, 12);
    });
  });

  test("a replacement honours another pod's required zone anti-affinity toward the moved pod", () => {
    // a1 (zone a) runs web-1, which has no rules of its own; c1 (zone b, 70 m free) runs guard,
    // whose required anti-affinity keeps app=web out of its zone. web-1 fits nowhere else, so a1
    // needs a replacement: the m5.large of zone b is cheaper (0.090) but guard forbids zone b
    // (the symmetric check), so it is zone a's at 0.096.
    const pool = zonalPool();
    const web = pod('web-1', 1000, { labels: { app: 'web' } });
    const guard = pod('guard', 3700, { workload: 'guard', labels: { app: 'guard' }, affinity: { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: ZONE }] } } });
    const plan = planConsolidation(input([nodeIn('a1', 'a', web), nodeIn('c1', 'b', guard)], {}, pool));
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace', candidates: ['a1'] });
    expect(plan.command?.replacement?.offering).toMatchObject({ priceUsdPerHour: 0.096, labels: { [ZONE]: 'a' } });
  });

  test('leftover pods that need two new nodes are not consolidated', () => {
    // Two m5.2xlarge (0.384 $/h each) each run one 1000 m web pod with a required hostname
    // anti-affinity to app=web, budget 100 %. Neither pod may join the other's node, so removing
    // both leaves both pods, which one m5.xlarge (0.192) would hold by resources, but the
    // anti-affinity puts them on two NodeClaims: not a consolidation. Alone, each is replaced by
    // the cheapest type that holds 1150 m, an m5.large.
    const anti = { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const web = (name: string) => pod(name, 1000, { labels: { app: 'web' }, affinity: anti });
    const withGroup = (name: string, p: PodView) => buildKNode(name, 'm5.2xlarge', [p], { podGroups: [{ group: podGroupOf(p), count: 1 }] });
    const both = input([withGroup('a', web('pa')), withGroup('b', web('pb'))], {}, buildPool('default', { budgets: [{ nodes: '100%' }] }));
    const { candidates } = getCandidates(both);
    const snapshot = new PlacementSnapshot(both.nodes);
    expect(simulateConsolidation(snapshot, candidates, both.nodePools, false)).toEqual({ action: 'None', message: "can't remove without creating 2 candidates" });
    const plan = planConsolidation(both);
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace', candidates: ['a'] });
    expect(plan.command?.replacement?.offering.instanceType).toBe('m5.large');
  });

  test('the what-if stops once no offering cheaper than the candidates holds the pods left over', () => {
    // Two m5.2xlarge (0.768 $/h together) each run one 6000 m pod that fits nowhere else. The
    // first leftover needs 6150 m: an m5.2xlarge (0.384) holds it; with the second, 12150 m, no
    // offering under 0.768 does, whatever follows. Alone, each already sits on the cheapest type
    // that holds 6150 m.
    const a = buildKNode('a', 'm5.2xlarge', [pod('pa', 6000)]);
    const b = buildKNode('b', 'm5.2xlarge', [pod('pb', 6000)]);
    const both = input([a, b], {}, buildPool('default', { budgets: [{ nodes: '100%' }] }));
    const { candidates } = getCandidates(both);
    expect(simulateConsolidation(new PlacementSnapshot(both.nodes), candidates, both.nodePools, false)).toEqual({ action: 'None', message: "can't replace with a cheaper node" });
    const plan = planConsolidation(both);
    expect(plan.command).toBeNull();
    expect(plan.candidateReasons['a']).toEqual({ reason: 'ConsolidationFailed', message: "can't replace with a cheaper node" });
  });

  test("a replacement stays within the NodePool's limits, counting the nodes that stay", () => {
    // limits.cpu 5000 m of capacity; two m5.xlarge (4000 m capacity each). a runs 1000 m, b 3700 m:
    // neither pod fits on the other node (70 m and 2770 m free). Replacing a leaves b's 4000 m,
    // so 1000 m of room: an m5.large (2000 m capacity) is over the limit, and so for b. Nothing is
    // done, where an m5.large at 0.096 < 0.192 $/h would otherwise replace a.
    const a = buildKNode('a', 'm5.xlarge', [pod('pa', 1000)]);
    const b = buildKNode('b', 'm5.xlarge', [pod('pb', 3700)]);
    const limited = planConsolidation(input([a, b], {}, buildPool('default', { limits: { cpuMilli: 5000 } })));
    expect(limited.command).toBeNull();
    expect(limited.candidateReasons['a']?.message).toMatch(/nodepool "default" limits exceeded/);
    const unlimited = planConsolidation(input([a, b]));
    expect(unlimited.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Replace', candidates: ['a'] });
    expect(unlimited.command?.replacement?.offering.instanceType).toBe('m5.large');
  });

  test('single-node looks past the budget-admitted candidate to every candidate of a pool whose budget is not zero', () => {
    // Budget "1" of two m5.xlarge; equal costs, so a comes first and is the one multi-node's share
    // admits. a's pod selects disk=ssd, which only a has and no offering gives: it cannot move and
    // no replacement can hold it. b's pod fits on a (3920 − 150 − 500 m free): b is deleted, as
    // upstream's single-node, which skips only pools with no budget left, finds.
    const a = buildKNode('a', 'm5.xlarge', [pod('x', 500, { nodeSelector: { disk: 'ssd' } })], { labels: { 'kubernetes.io/hostname': 'a', disk: 'ssd' } });
    const b = buildKNode('b', 'm5.xlarge', [pod('y', 500)]);
    const plan = planConsolidation(input([a, b], {}, buildPool('default', { budgets: [{ nodes: '1' }] })));
    expect(plan.command).toMatchObject({ method: 'SingleNodeConsolidation', action: 'Delete', candidates: ['b'] });
    expect(plan.candidateReasons['a']?.reason).toBe('ConsolidationFailed');
    expect(plan.candidateReasons['b']).toBeUndefined();
  });

  test('spot nodes are not replaced while SpotToSpotConsolidation is off', () => {
    const n = buildKNode('n', 'm5.2xlarge', [pod('x', 1000)], { capacityType: 'spot', priceUsdPerHour: 0.1536 });
    expect(planConsolidation(input([n])).candidateReasons['n']?.message).toContain('SpotToSpotConsolidation');
  });

  test('WhenEmpty pools only remove empty nodes', () => {
    const big = buildKNode('big', 'm5.2xlarge', [pod('x', 1000)]);
    expect(planConsolidation(input([big], {}, buildPool('default', { consolidationPolicy: 'WhenEmpty' }))).command).toBeNull();
  });

  test.each([
    { name: 'PDB with no disruptions left', extra: { pdb: { name: 'web', disruptionsAllowed: 0 } }, reason: 'PdbBlocked' },
    { name: 'do-not-disrupt pod', extra: { annotations: { 'karpenter.sh/do-not-disrupt': 'true' } }, reason: 'DoNotDisrupt' },
  ])('$name blocks the node', ({ extra, reason }) => {
    const n = buildKNode('n', 'm5.2xlarge', [pod('x', 1000, extra)]);
    expect(planConsolidation(input([n])).candidateReasons['n']?.reason).toBe(reason);
  });

  test('consolidateAfter Never disables consolidation; uninitialized nodes are skipped', () => {
    const n = buildKNode('n', 'm5.xlarge', []);
    expect(planConsolidation(input([n], {}, buildPool('default', { consolidateAfterMs: null }))).candidateReasons['n']?.reason).toBe('ConsolidationDisabled');
    const m = buildKNode('m', 'm5.xlarge', [], { initializedMs: null });
    expect(planConsolidation(input([m])).candidateReasons['m']?.reason).toBe('NotInitialized');
  });
});

test('expireAfter 720 h: a node is expired at exactly 720 h of age, ignoring budgets', () => {
  const old = buildKNode('old', 'm5.xlarge', [], { createdMs: 0 });
  const young = buildKNode('young', 'm5.xlarge', [], { createdMs: 1 });
  const cmds = findExpiredNodes(720 * HOUR, [old.node, young.node], [buildPool('default', { budgets: [{ nodes: '0' }] })]);
  expect(cmds.map((c) => [c.candidates[0], c.reason, c.method])).toEqual([['old', 'Expired', 'Expiration']]);
});
