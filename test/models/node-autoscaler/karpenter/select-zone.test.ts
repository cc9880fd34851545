/**
 * Zone of a new NodeClaim: the pods' zone requirements (nodeSelector, required node affinity) meet
 * the pool's zones; the cheapest fitting (type, zone) offering wins; equal prices spread over the
 * zones with fewer of the pool's nodes.
 */
import { describe, expect, test } from 'vitest';
import { claimAllowedZones, podAllowedZones, selectZonalOffering } from '../../../../src/models/node-autoscaler/karpenter/select-zone.js';
import type { InstanceOffering, PodView } from '../../../../src/models/node-autoscaler/karpenter/types.js';
import type { NodeSelectorRequirement } from '../../../../src/models/scheduler/types.js';
import { buildPod, MiB } from '../../scheduler/builders.js';
import { DS, offerings } from './builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const terms = (...ts: NodeSelectorRequirement[][]) => ({ affinity: { nodeAffinity: { requiredTerms: ts.map((e) => ({ matchExpressions: e })) } } });
const small = buildPod('p', { cpuMilli: 500, memoryBytes: 512 * MiB });
const req = (pods: PodView[]) => ({
  cpuMilli: pods.reduce((s, p) => s + p.requests.cpuMilli, 0),
  memoryBytes: pods.reduce((s, p) => s + p.requests.memoryBytes, 0),
  pods: pods.length,
});

describe('podAllowedZones', () => {
  test.each<{ name: string; pod: PodView; expected: string[] }>([
    { name: 'no zone requirement: every pool zone', pod: small, expected: zones },
    { name: 'nodeSelector on the zone', pod: buildPod('p', { nodeSelector: { [ZONE]: 'us-east-1b' } }), expected: ['us-east-1b'] },
    { name: 'nodeSelector on a zone outside the pool', pod: buildPod('p', { nodeSelector: { [ZONE]: 'us-west-2a' } }), expected: [] },
    { name: 'In', pod: buildPod('p', terms([{ key: ZONE, operator: 'In', values: ['us-east-1a', 'us-east-1c'] }])), expected: ['us-east-1a', 'us-east-1c'] },
    { name: 'NotIn', pod: buildPod('p', terms([{ key: ZONE, operator: 'NotIn', values: ['us-east-1a'] }])), expected: ['us-east-1b', 'us-east-1c'] },
    { name: 'expressions on other keys do not restrict the zone', pod: buildPod('p', terms([{ key: 'disk', operator: 'In', values: ['ssd'] }])), expected: zones },
    {
      name: 'terms are tried in order: the first term that leaves a pool zone wins',
      pod: buildPod('p', terms([{ key: ZONE, operator: 'In', values: ['us-west-2a'] }], [{ key: ZONE, operator: 'In', values: ['us-east-1c'] }], [{ key: ZONE, operator: 'In', values: ['us-east-1a'] }])),
      // The union of the terms would also allow us-east-1a.
      expected: ['us-east-1c'],
    },
    {
      name: 'nodeSelector and affinity both apply',
      pod: buildPod('p', { nodeSelector: { [ZONE]: 'us-east-1a' }, ...terms([{ key: ZONE, operator: 'NotIn', values: ['us-east-1a'] }]) }),
      expected: [],
    },
  ])('$name', ({ pod, expected }) => expect(podAllowedZones(pod, zones)).toEqual(expected));

  test('a NodeClaim allows the zones all its pods allow', () => {
    const a = buildPod('a', terms([{ key: ZONE, operator: 'In', values: ['us-east-1a', 'us-east-1b'] }]));
    const b = buildPod('b', terms([{ key: ZONE, operator: 'NotIn', values: ['us-east-1a'] }]));
    expect(claimAllowedZones([a, b, small], zones)).toEqual(['us-east-1b']);
  });
});

describe('selectZonalOffering', () => {
  const offs: InstanceOffering[] = [offerings['m5.large']!, offerings['m5.xlarge']!];
  const base = { requests: req([small]), pods: [small], offerings: offs, daemonSetOverhead: DS, zones };

  test('equal prices: the zone with the fewest of the pool nodes (spread)', () => {
    const r = selectZonalOffering({ ...base, nodesPerZone: { 'us-east-1a': 2, 'us-east-1b': 1, 'us-east-1c': 2 } });
    expect([r.choice?.offering.instanceType, r.choice?.zone, r.reason]).toEqual(['m5.large', 'us-east-1b', 'CheapestZonalOffering']);
  });

  test('equal prices and counts: the first zone by name', () => {
    expect(selectZonalOffering(base).choice?.zone).toBe('us-east-1a');
  });

  test('a zone where the type is cheaper wins over spreading', () => {
    // m5.large: 0.096 $/h, but 0.09 in us-east-1c although that zone has the most nodes.
    const r = selectZonalOffering({
      ...base,
      nodesPerZone: { 'us-east-1c': 5 },
      priceIn: (o, z) => (o.instanceType === 'm5.large' && z === 'us-east-1c' ? 0.09 : o.priceUsdPerHour),
    });
    expect([r.choice?.zone, r.choice?.priceUsdPerHour]).toEqual(['us-east-1c', 0.09]);
  });

  test("the pods' zone requirement limits the choice", () => {
    const pinned = buildPod('p', { cpuMilli: 500, nodeSelector: { [ZONE]: 'us-east-1c' } });
    const r = selectZonalOffering({ ...base, pods: [pinned], nodesPerZone: { 'us-east-1c': 9 } });
    expect(r.choice?.zone).toBe('us-east-1c');
  });

  test.each([
    { name: 'no allowed zone', pods: [buildPod('p', { nodeSelector: { [ZONE]: 'eu-west-1a' } })], requests: req([small]), reason: 'NoZoneAllowed' },
    // 8000 m does not fit an m5.xlarge's 3920 m allocatable.
    { name: 'no offering holds the requests', pods: [small], requests: { cpuMilli: 8000, memoryBytes: 0, pods: 1 }, reason: 'NoOfferingFits' },
  ])('$name', ({ pods, requests, reason }) => {
    const r = selectZonalOffering({ ...base, pods, requests });
    expect([r.choice, r.reason]).toEqual([null, reason]);
  });
});
