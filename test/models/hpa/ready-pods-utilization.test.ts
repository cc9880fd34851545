/**
 * The Resource Utilization shortcut for all-ready pods (ready-pods-utilization.ts) against
 * upstream's arithmetic written out here with BigInt: `GetResourceUtilizationRatio` truncates
 * Σusage × 100 / Σrequest to an integer percent, the ratio is that over the target, and with
 * every pod ready and sampled the proposal is ceil(ratio × pods) outside the tolerance.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeReplicasForMetric, type HpaMetricContext } from '../../../src/models/hpa/compute-replicas-for-metric.js';
import { readyPodsUtilization } from '../../../src/models/hpa/ready-pods-utilization.js';
import type { HpaMetricSpec, HpaPodObservation } from '../../../src/models/hpa/types.js';
import { buildPod, MIB_MILLI, NOW_MS } from './builders.js';

const tolerances = { scaleUp: 0.1, scaleDown: 0.1 };
const times = { nowMs: NOW_MS, cpuInitializationPeriodMs: 300_000, initialReadinessDelayMs: 30_000 };

function context(pods: HpaPodObservation[], specReplicas: number): HpaMetricContext {
  return { specReplicas, statusReplicas: specReplicas, pods, objectMetrics: {}, externalMetrics: {}, tolerances, times };
}

function utilization(resource: 'cpu' | 'memory', percent: number): HpaMetricSpec {
  return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: percent } } };
}

/** Upstream's result for all-ready pods, in exact integers. */
function upstream(resource: 'cpu' | 'memory', usages: number[], requests: number[], target: number, current: number) {
  const usage = usages.reduce((a, v) => a + BigInt(Math.ceil(v)), 0n);
  const request = requests.reduce((a, v) => a + BigInt(Math.ceil(v)), 0n);
  const percent = Number((usage * 100n) / request);
  const ratio = percent / target;
  const within = 1 - tolerances.scaleDown <= ratio && ratio <= 1 + tolerances.scaleUp;
  return {
    replicas: within ? current : Math.ceil(ratio * usages.length),
    averageUtilization: percent,
    averageValueMilli: Number(usage / BigInt(usages.length)),
  };
}

function readyPods(resource: 'cpu' | 'memory', usages: number[], requests: number[]): HpaPodObservation[] {
  return usages.map((u, i) =>
    resource === 'cpu'
      ? buildPod({ name: `p${i}`, cpuMilli: u, cpuRequestMilli: requests[i]! })
      : buildPod({ name: `p${i}`, memoryMilli: u, memoryRequestMilli: requests[i]! }),
  );
}

describe('the all-ready Resource Utilization shortcut', () => {
  test.each([
    // floor(1,900 × 100 / 2,000) = 95; 95/50 = 1.9; ceil(1.9 × 2) = 4.
    { name: 'cpu 950 m of 1,000 m on two pods against 50 % scales to 4', usages: [900, 1000], requests: [1000, 1000], target: 50, expected: 4 },
    // Each usage rounds up to 334 m: floor(1,002 × 100 / 3,000) = 33 (33.4 truncated); 33/60 = 0.55; ceil(0.55 × 3) = ceil(1.65) = 2.
    { name: 'the percentage is truncated before the ratio', usages: [333.2, 333.2, 333.2], requests: [1000, 1000, 1000], target: 60, expected: 2 },
    // floor(1,050 × 100 / 2,000) = 52; 52/50 = 1.04 inside the tolerance: keep 2.
    { name: 'a ratio inside the tolerance keeps the count', usages: [500, 550], requests: [1000, 1000], target: 50, expected: 2 },
  ])('$name', ({ usages, requests, target, expected }) => {
    const pods = readyPods('cpu', usages, requests);
    const result = computeReplicasForMetric(utilization('cpu', target), context(pods, pods.length));
    expect(result.replicas).toBe(expected);
    expect(readyPodsUtilization({ currentReplicas: pods.length, pods, tolerances, times, source: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } })).not.toBeNull();
  });

  test.each([
    { name: 'a pod without a sample', pods: [buildPod({ cpuMilli: 500 }), buildPod({ name: 'q', cpuMilli: null })] },
    { name: 'an unready pod', pods: [buildPod({ cpuMilli: 500 }), buildPod({ name: 'q', cpuMilli: 900, ready: false, startedSecAgo: 10, readySecAgo: 10 })] },
    { name: 'a deleting pod', pods: [buildPod({ cpuMilli: 500 }), buildPod({ name: 'q', cpuMilli: 900, deleting: true })] },
    { name: 'a pod without a request', pods: [buildPod({ cpuMilli: 500 }), buildPod({ name: 'q', cpuMilli: 900, cpuRequestMilli: null })] },
    { name: 'no pods', pods: [] },
  ])('leaves $name to the general path', ({ pods }) => {
    expect(readyPodsUtilization({ currentReplicas: 2, pods, tolerances, times, source: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } })).toBeNull();
  });

  test('leaves an AverageValue target to the general path', () => {
    const pods = readyPods('cpu', [500, 700], [1000, 1000]);
    expect(readyPodsUtilization({ currentReplicas: 2, pods, tolerances, times, source: { name: 'cpu', target: { type: 'AverageValue', averageValue: 400 } } })).toBeNull();
  });

  test('leaves sums past 2^52 to the general path, which gives upstream exact numbers', () => {
    // 4,096 TiB of memory in milli-bytes per pod: Σ × 100 is far past 2^53.
    const huge = 4 * 1024 * 1024 * 1024 * MIB_MILLI;
    const usages = [huge + 7000, huge + 3];
    const requests = [huge * 2, huge * 2 + 1];
    const pods = readyPods('memory', usages, requests);
    const input = { currentReplicas: 2, pods, tolerances, times, source: { name: 'memory' as const, target: { type: 'Utilization' as const, averageUtilization: 40 } } };
    expect(readyPodsUtilization(input)).toBeNull();
    const result = computeReplicasForMetric(utilization('memory', 40), context(pods, 2));
    const expected = upstream('memory', usages, requests, 40, 2);
    expect(result.replicas).toBe(expected.replicas);
    expect(result.current!.averageUtilization).toBe(expected.averageUtilization);
    expect(result.current!.averageValueMilli).toBe(expected.averageValueMilli);
  });

  test('property: proposal, percentage and average are upstream exact integers', () => {
    const podArb = fc.record({
      usage: fc.oneof(fc.integer({ min: 0, max: 8000 }), fc.double({ min: 0, max: 8000, noNaN: true })),
      request: fc.integer({ min: 1, max: 4000 }),
    });
    fc.assert(
      fc.property(
        fc.array(podArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('cpu' as const, 'memory' as const),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1, MIB_MILLI),
        (ps, resource, target, current, unit) => {
          const scale = resource === 'memory' ? unit : 1;
          const usages = ps.map((p) => p.usage * scale);
          const requests = ps.map((p) => p.request * scale);
          const pods = readyPods(resource, usages, requests);
          const result = computeReplicasForMetric(utilization(resource, target), context(pods, current));
          const expected = upstream(resource, usages, requests, target, current);
          expect(result.failureReason).toBeNull();
          expect(result.replicas).toBe(expected.replicas);
          expect(result.current!.averageUtilization).toBe(expected.averageUtilization);
          expect(result.current!.averageValueMilli).toBe(expected.averageValueMilli);
          expect(result.description).toBe(`${resource} resource utilization (percentage of request)`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
