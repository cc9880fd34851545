/**
 * Karpenter provisioning with pod anti-affinity and topology spread constraints, derived by hand
 * from the scheduler rules (a planned NodeClaim is a node with its own hostname).
 */
import { describe, expect, test } from 'vitest';
import { planProvisioning } from '../../../../src/models/node-autoscaler/karpenter/plan-provisioning.js';
import type { InstanceOffering } from '../../../../src/models/node-autoscaler/karpenter/types.js';
import type { PodView } from '../../../../src/models/scheduler/types.js';
import { buildPod, GiB } from '../../scheduler/builders.js';
import { buildPool, offerings } from './builders.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const replicas = (n: number, extra: Partial<PodView> = {}) =>
  Array.from({ length: n }, (_, i) => buildPod(`web-${i}`, { workload: 'web', cpuMilli: 500, memoryBytes: GiB, labels: { app: 'web' }, ...extra }));
const antiAffinity = { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: HOST }] } };
const inZone = (o: InstanceOffering, zone: string): InstanceOffering => ({ ...o, labels: { ...o.labels, [ZONE]: zone } });

describe('planProvisioning with pod topology', () => {
  test('3 replicas with required hostname anti-affinity get 3 NodeClaims although one m5.large holds them by resources', () => {
    // 3 × 500 m + 150 m DaemonSets = 1650 m ≤ 1930 m of an m5.large, but each claim is its own
    // hostname and the term selects the replicas, so a claim holding one replica rejects the next.
    const plan = planProvisioning({ nowMs: 0, pendingPods: replicas(3, { affinity: antiAffinity }), nodes: [], nodePools: [buildPool('default')] });
    expect(plan.nodeClaims.map((c) => c.pods)).toEqual([['web-0'], ['web-1'], ['web-2']]);
    expect(plan.nodeClaims.map((c) => c.offering.instanceType)).toEqual(['m5.large', 'm5.large', 'm5.large']);
  });

  test('without the anti-affinity the same replicas share one claim', () => {
    const plan = planProvisioning({ nowMs: 0, pendingPods: replicas(3), nodes: [], nodePools: [buildPool('default')] });
    expect(plan.nodeClaims.map((c) => c.pods.length)).toEqual([3]);
  });

  test('a zone spread constraint (maxSkew 1) puts 2 replicas on 2 claims in 2 zones', () => {
    // Replica 1: no pod anywhere, both zones pass; the claim is pinned to the least populated zone,
    // a (tie broken by name). Replica 2: counts a = 1 (the claim now belongs to a), b = 0 → min 0;
    // joining the claim gives 1 + 1 − 0 = 2 > 1, so it opens a claim, allowed only in b (0 + 1 − 0 = 1).
    const pool = buildPool('default', { offerings: [inZone(offerings['m5.large']!, 'a'), inZone(offerings['m5.large']!, 'b')] });
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'web' } } }];
    const plan = planProvisioning({ nowMs: 0, pendingPods: replicas(2, { topologySpreadConstraints: spread }), nodes: [], nodePools: [pool] });
    expect(plan.nodeClaims.map((c) => [c.pods.length, c.offering.labels?.[ZONE]])).toEqual([[1, 'a'], [1, 'b']]);
  });

  test('a zone spread constraint with pods already in zone a sends the new claim to zone b', () => {
    // Full existing nodes: a1 in zone a runs 2 replicas, b1 in zone b none → counts a = 2, b = 0,
    // minimum 0. A claim in zone a would give 2 + 1 − 0 = 3 > 1; in zone b 0 + 1 − 0 = 1 ≤ 1.
    const pool = buildPool('default', { offerings: [inZone(offerings['m5.large']!, 'a'), inZone(offerings['m5.large']!, 'b')] });
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'web' } } }];
    const group = { key: 'default/web', namespace: 'default', labels: { app: 'web' } };
    const full = { cpuMilli: 1930, memoryBytes: 7 * GiB, pods: 29 };
    const node = (name: string, zone: string, count: number) => ({
      name, pool: 'default', instanceType: 'm5.large', labels: { [HOST]: name, [ZONE]: zone }, taints: [],
      allocatable: full, requested: full, podGroups: count > 0 ? [{ group, count }] : [],
      ready: true, createdMs: 0, unschedulable: false, deleting: false, spot: false,
      capacityType: 'on-demand' as const, priceUsdPerHour: 0.096, initializedMs: 0, lastPodEventMs: 0,
    });
    const plan = planProvisioning({
      nowMs: 0,
      pendingPods: replicas(1, { topologySpreadConstraints: spread }),
      nodes: [node('a1', 'a', 2), node('b1', 'b', 0)],
      nodePools: [pool],
    });
    expect(plan.nodeClaims.map((c) => c.offering.labels?.[ZONE])).toEqual(['b']);
  });

  test('an HA Deployment (hostname anti-affinity + zone spread maxSkew 1) over 3 zones: 6 replicas → 6 NodeClaims, 2 per zone', () => {
    // Anti-affinity: no claim takes a second replica, so 6 claims. Zones, counting each pinned claim:
    // r1 all 0 → a (ties by name); r2 a=1 → a gives 1+1−0 = 2 > 1, pinned to b; r3 → c; r4 all 1,
    // min 1, every zone gives 1+1−1 = 1 → a; r5 → b; r6 → c.
    const zones = ['a', 'b', 'c'];
    const pool = buildPool('default', { offerings: zones.map((z) => inZone(offerings['m5.large']!, z)) });
    const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'web' } } }];
    const plan = planProvisioning({
      nowMs: 0,
      pendingPods: replicas(6, { affinity: antiAffinity, topologySpreadConstraints: spread }),
      nodes: [],
      nodePools: [pool],
    });
    expect(plan.nodeClaims.map((c) => c.offering.labels?.[ZONE])).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});
