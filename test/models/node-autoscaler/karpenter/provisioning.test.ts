import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decideBatchWindow } from '../../../../src/models/node-autoscaler/karpenter/batch-window.js';
import { planProvisioning } from '../../../../src/models/node-autoscaler/karpenter/plan-provisioning.js';
import { offeringFits, selectInstanceType } from '../../../../src/models/node-autoscaler/karpenter/select-instance-type.js';
import { buildPod, GiB, MiB } from '../../scheduler/builders.js';
import { buildKNode, buildPool, DS, offerings, spot } from './builders.js';

const all = Object.values(offerings);
const need = (cpuMilli: number, memoryBytes: number, pods: number) => ({ cpuMilli, memoryBytes, pods });

describe('selectInstanceType picks the cheapest type that fits', () => {
  test.each([
    // 3×1000 m + 150 = 3150 m: m5.large (1930) too small; c5.xlarge 0.170 < m5.xlarge 0.192.
    { name: 'CPU-bound batch → c5.xlarge', req: need(3000, 3 * GiB, 3), offers: all, expected: 'c5.xlarge/on-demand' },
    // 9 GiB + 150 MiB = 9366 MiB: c5.xlarge (7199) and m5.large (7518) too small → m5.xlarge.
    { name: 'memory-bound batch → m5.xlarge', req: need(1500, 9 * GiB, 3), offers: all, expected: 'm5.xlarge/on-demand' },
    // Small: 1000 + 150 ≤ 1930 → m5.large at 0.096.
    { name: 'small batch → m5.large', req: need(1000, GiB, 1), offers: all, expected: 'm5.large/on-demand' },
    // Spot m5.xlarge 0.0768 beats on-demand c5.xlarge 0.170.
    { name: 'a cheaper spot offering wins', req: need(3000, 3 * GiB, 3), offers: [...all, spot(offerings['m5.xlarge']!)], expected: 'm5.xlarge/spot' },
    // 30 pods + 1 DaemonSet pod > 29 slots of m5.large; c5.xlarge has 58.
    { name: 'pod count limits count too', req: need(300, 300 * MiB, 30), offers: all, expected: 'c5.xlarge/on-demand' },
  ])('$name', ({ req, offers, expected }) => {
    const sel = selectInstanceType(req, offers, DS);
    expect(`${sel.offering?.instanceType}/${sel.offering?.capacityType}`).toBe(expected);
    expect(sel.reason).toBe('CheapestFittingOffering');
  });

  test('nothing fits → NoOfferingFits', () => {
    expect(selectInstanceType(need(9000, GiB, 1), all, DS)).toMatchObject({ offering: null, reason: 'NoOfferingFits' });
  });
});

describe('batch window (1 s idle, 10 s max)', () => {
  test.each([
    { name: 'no pending pods', seen: [], now: 0, launch: false, reason: 'NoPendingPods' },
    { name: 'one pod, 999 ms later: still open', seen: [0], now: 999, launch: false, reason: 'BatchWindowOpen' },
    { name: 'one pod, 1 s later: idle elapsed', seen: [0], now: 1000, launch: true, reason: 'BatchIdleElapsed' },
    { name: 'a new pod restarts the idle timer', seen: [0, 800], now: 1500, launch: false, reason: 'BatchWindowOpen' },
    // Arrivals every 500 ms never leave 1 s idle; the window closes at first + 10 s.
    { name: 'steady arrivals close at batchMax', seen: Array.from({ length: 21 }, (_, i) => i * 500), now: 10_000, launch: true, reason: 'BatchMaxElapsed' },
  ])('$name', ({ seen, now, launch, reason }) => {
    expect(decideBatchWindow({ nowMs: now, pendingSeenMs: seen })).toMatchObject({ launch, reason });
  });
});

describe('planProvisioning', () => {
  const pods = (n: number, cpuMilli: number, extra = {}) => Array.from({ length: n }, (_, i) => buildPod(`p${i}`, { cpuMilli, memoryBytes: GiB, ...extra }));

  test('7 pods of 1500 m: a claim grows to 5 pods (m5.2xlarge, 7650 ≤ 7910 m), the other 2 go to a c5.xlarge', () => {
    // A claim keeps every type that can still hold its pods: after 5 pods only m5.2xlarge (7910 m) remains;
    // pod 6 opens a second claim and pod 7 joins it: 3150 m, 2 GiB + 150 MiB fit m5.xlarge (0.192),
    // c5.xlarge (0.170) and m5.2xlarge (0.384) → cheapest c5.xlarge.
    const plan = planProvisioning({ nowMs: 0, pendingPods: pods(7, 1500), nodes: [], nodePools: [buildPool('default')] });
    expect(plan.nodeClaims.map((c) => [c.offering.instanceType, c.pods.length])).toEqual([['m5.2xlarge', 5], ['c5.xlarge', 2]]);
    expect(plan.reason).toBe('Provisioned');
    expect(plan.nodeClaims[0]?.name).toBe('nodeclaim-0');
  });

  test('pods that fit an existing or in-flight node need no claim', () => {
    const inflight = buildKNode('n1', 'm5.xlarge', [], { ready: false, initializedMs: null });
    const plan = planProvisioning({ nowMs: 0, pendingPods: pods(2, 1500), nodes: [inflight.node], nodePools: [buildPool('default')] });
    expect(plan.nodeClaims).toEqual([]);
    expect(plan.existingPlacements).toEqual({ p0: 'n1', p1: 'n1' });
    expect(plan.reason).toBe('NothingToProvision');
  });

  test('a node selector on the instance type restricts the claim', () => {
    const ps = pods(1, 500, { nodeSelector: { 'node.kubernetes.io/instance-type': 'm5.2xlarge' } });
    const plan = planProvisioning({ nowMs: 0, pendingPods: ps, nodes: [], nodePools: [buildPool('default')] });
    expect(plan.nodeClaims[0]?.offering.instanceType).toBe('m5.2xlarge');
  });

  test('an untolerated pool taint leaves the pod unschedulable', () => {
    const pool = buildPool('gpu', { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] });
    const plan = planProvisioning({ nowMs: 0, pendingPods: pods(1, 500), nodes: [], nodePools: [pool] });
    expect(plan.unschedulable['p0']).toEqual({ reason: 'NoCompatibleNodePool', message: 'could not schedule pod, incompatible with nodepool "gpu"' });
  });

  test('higher-weight pools are tried first', () => {
    const cheap = buildPool('a-cheap', { offerings: [offerings['m5.large']!] });
    const preferred = buildPool('b-preferred', { weight: 10, offerings: [offerings['m5.xlarge']!] });
    const plan = planProvisioning({ nowMs: 0, pendingPods: pods(1, 500), nodes: [], nodePools: [cheap, preferred] });
    expect(plan.nodeClaims[0]?.nodePool).toBe('b-preferred');
  });

  test('pool CPU limit: 4000 m allows one 4-vCPU node; the third 1500 m pod is left out', () => {
    // Claim 1: pod 1 (1650 m) fits m5.large, m5.xlarge, c5.xlarge (m5.2xlarge exceeds the limit);
    // pod 2 (3150 m) fits m5.xlarge, c5.xlarge → cheapest c5.xlarge; pod 3 (4650 m) fits none.
    // A second claim would exceed the 4000 m limit (the first claim reserves 4000 m).
    const plan = planProvisioning({ nowMs: 0, pendingPods: pods(3, 1500), nodes: [], nodePools: [buildPool('default', { limits: { cpuMilli: 4000 } })] });
    expect(plan.nodeClaims.map((c) => c.offering.instanceType)).toEqual(['c5.xlarge']);
    expect(plan.unschedulable['p2']?.message).toContain('limits exceeded');
  });

  test('property: each claim\'s type holds its pods plus DaemonSet overhead', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 8000 }), memMiB: fc.integer({ min: 0, max: 20_000 }) }), { maxLength: 25 }), (specs) => {
        const ps = specs.map((s, i) => buildPod(`p${i}`, { cpuMilli: s.cpu, memoryBytes: s.memMiB * MiB }));
        const plan = planProvisioning({ nowMs: 0, pendingPods: ps, nodes: [], nodePools: [buildPool('default')] });
        const byName = new Map(ps.map((p) => [p.name, p]));
        let placed = 0;
        for (const c of plan.nodeClaims) {
          const cp = c.pods.map((n) => byName.get(n)!);
          const req = { cpuMilli: cp.reduce((a, p) => a + p.requests.cpuMilli, 0), memoryBytes: cp.reduce((a, p) => a + p.requests.memoryBytes, 0), pods: cp.length };
          expect(offeringFits(c.offering, req, DS)).toBe(true);
          placed += cp.length;
        }
        expect(placed + Object.keys(plan.unschedulable).length).toBe(ps.length);
      }),
      { numRuns: 150 },
    );
  });
});
