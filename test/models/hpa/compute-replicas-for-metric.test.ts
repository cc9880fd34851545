/**
 * Metric proposals the upstream vectors do not cover. Every expectation is derived by hand from
 * docs/models/hpa.md#replica-proposals in the comment next to it.
 */
import { describe, expect, test } from 'vitest';
import { computeReplicasForMetric, type HpaMetricContext } from '../../../src/models/hpa/compute-replicas-for-metric.js';
import type { HpaMetricSpec } from '../../../src/models/hpa/types.js';
import { buildPod, MIB_MILLI, NOW_MS } from './builders.js';

const GIB_MILLI = 1024 * MIB_MILLI;

function ctx(o: Partial<HpaMetricContext>): HpaMetricContext {
  return {
    specReplicas: o.specReplicas ?? o.pods?.length ?? 1,
    statusReplicas: o.statusReplicas ?? o.specReplicas ?? o.pods?.length ?? 1,
    pods: o.pods ?? [],
    objectMetrics: o.objectMetrics ?? {},
    externalMetrics: o.externalMetrics ?? {},
    tolerances: o.tolerances ?? { scaleUp: 0.1, scaleDown: 0.1 },
    times: o.times ?? { nowMs: NOW_MS, cpuInitializationPeriodMs: 300_000, initialReadinessDelayMs: 30_000 },
  };
}

const memoryAverageValue = (mib: number): HpaMetricSpec => ({
  type: 'Resource',
  resource: { name: 'memory', target: { type: 'AverageValue', averageValue: mib * MIB_MILLI } },
});
const memoryUtilization = (percent: number): HpaMetricSpec => ({
  type: 'Resource',
  resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: percent } },
});
const objectAverage = (targetMilli: number): HpaMetricSpec => ({
  type: 'Object',
  object: { metric: { name: 'queue' }, describedObject: { kind: 'Service', name: 'front' }, target: { type: 'AverageValue', averageValue: targetMilli } },
});
const externalTarget = (type: 'Value' | 'AverageValue', targetMilli: number): HpaMetricSpec => ({
  type: 'External',
  external: { metric: { name: 'sqs' }, target: type === 'Value' ? { type, value: targetMilli } : { type, averageValue: targetMilli } },
});

describe('memory resource metrics (milli-bytes)', () => {
  test.each([
    {
      // avg = (600 + 700 + 800) Mi / 3 = 700 Mi; ratio 700/500 = 1.4; ceil(1.4 × 3) = ceil(4.2) = 5.
      name: 'AverageValue scales up on the truncated average',
      metric: memoryAverageValue(500),
      usagesMib: [600, 700, 800],
      expected: { replicas: 5, averageValueMilli: 700 * MIB_MILLI },
    },
    {
      // util = floor((6+7+8) GiB × 100 / (3 × 8 GiB)) = floor(87.5) = 87; 87/80 = 1.0875 ≤ 1.1 → keep 3.
      name: 'Utilization truncates to 87 % and stays inside the tolerance',
      metric: memoryUtilization(80),
      usagesMib: [6 * 1024, 7 * 1024, 8 * 1024],
      expected: { replicas: 3, averageUtilization: 87 },
    },
    {
      // util 87 (as above); 87/70 = 1.242857…; ceil(1.242857 × 3) = ceil(3.7286) = 4.
      name: 'Utilization against a 70 % target scales to 4',
      metric: memoryUtilization(70),
      usagesMib: [6 * 1024, 7 * 1024, 8 * 1024],
      expected: { replicas: 4, averageUtilization: 87 },
    },
  ])('$name', ({ metric, usagesMib, expected }) => {
    const pods = usagesMib.map((mib, i) => buildPod({ name: `p${i}`, memoryMilli: mib * MIB_MILLI, memoryRequestMilli: 8 * GIB_MILLI }));
    const result = computeReplicasForMetric(metric, ctx({ pods }));
    expect(result.replicas).toBe(expected.replicas);
    if ('averageValueMilli' in expected) expect(result.current?.averageValueMilli).toBe(expected.averageValueMilli);
    if ('averageUtilization' in expected) expect(result.current?.averageUtilization).toBe(expected.averageUtilization);
  });

  test('memory ignores the CPU readiness rule: a pod started and Ready 0 s ago still counts', () => {
    // Both pods ready for memory: avg = (900 + 900)/2 = 900 Mi; ratio 900/450 = 2; ceil(2 × 2) = 4.
    // Under the CPU rule the fresh pod would be unready and the refill would give a different count.
    const pods = [
      buildPod({ name: 'old', memoryMilli: 900 * MIB_MILLI }),
      buildPod({ name: 'fresh', memoryMilli: 900 * MIB_MILLI, startedSecAgo: 0, readySecAgo: 0 }),
    ];
    expect(computeReplicasForMetric(memoryAverageValue(450), ctx({ pods })).replicas).toBe(4);
  });

  test('sums beyond 2^53 stay exact', () => {
    // 3 pods × 4 TiB request (R = 12 TiB); usage 3 TiB, 3 TiB, 3 TiB − 1 milli-byte, so
    // Σusage = 9 TiB − 1 ≈ 9.9e15 > 2^53. Exact: floor((9 TiB − 1) × 100 / 12 TiB) = floor(75 − ε) = 74.
    // float64 would round Σusage up to 9 TiB and report 75.
    const tib = 1024 * 1024 * MIB_MILLI;
    const pods = [0, 0, 1].map((less, i) =>
      buildPod({ name: `p${i}`, memoryMilli: 3 * tib - less, memoryRequestMilli: 4 * tib }),
    );
    const result = computeReplicasForMetric(memoryUtilization(75), ctx({ pods }));
    expect(result.current?.averageUtilization).toBe(74);
    // 74/75 = 0.9867 is inside the 0.1 band → keep 3.
    expect(result.replicas).toBe(3);
  });
});

describe('Object and External AverageValue targets use status replicas', () => {
  test.each([
    {
      // ratio = 30000 / (5000 × 4) = 1.5 → outside → ceil(30000/5000) = 6; per pod ceil(30000/4) = 7500.
      name: 'Object AverageValue outside tolerance → ceil(value / target)',
      metric: objectAverage(5000),
      input: { objectMetrics: { queue: 30_000 }, statusReplicas: 4, specReplicas: 9 },
      expected: { replicas: 6, averageValueMilli: 7500 },
    },
    {
      // ratio = 21000 / (5000 × 4) = 1.05 → within 0.1 → statusReplicas 4 (not spec 9); per pod 5250.
      name: 'Object AverageValue within tolerance keeps status replicas, not spec replicas',
      metric: objectAverage(5000),
      input: { objectMetrics: { queue: 21_000 }, statusReplicas: 4, specReplicas: 9 },
      expected: { replicas: 4, averageValueMilli: 5250 },
    },
    {
      // series summed: 1000 + 2000 + 3000 = 6000; ratio 6000/(1000 × 3) = 2 → ceil(6000/1000) = 6; per pod 2000.
      name: 'External AverageValue sums every series',
      metric: externalTarget('AverageValue', 1000),
      input: { externalMetrics: { sqs: [1000, 2000, 3000] }, statusReplicas: 3 },
      expected: { replicas: 6, averageValueMilli: 2000 },
    },
    {
      // statusReplicas 0: ratio = 6000/0 = +Inf → outside → ceil(6000/1000) = 6; per pod reported as 0.
      name: 'External AverageValue with zero status replicas',
      metric: externalTarget('AverageValue', 1000),
      input: { externalMetrics: { sqs: [6000] }, statusReplicas: 0, specReplicas: 1 },
      expected: { replicas: 6, averageValueMilli: 0 },
    },
  ])('$name', ({ metric, input, expected }) => {
    const result = computeReplicasForMetric(metric, ctx(input));
    expect(result.replicas).toBe(expected.replicas);
    expect(result.current?.averageValueMilli).toBe(expected.averageValueMilli);
  });
});

describe('metric failures carry the upstream reason', () => {
  test.each([
    {
      name: 'no pod has a CPU sample',
      metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } } as HpaMetricSpec,
      input: { pods: [buildPod({ cpuMilli: null })] },
      reason: 'FailedGetResourceMetric',
      message: 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    },
    {
      name: 'a pod without a CPU request',
      metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } } as HpaMetricSpec,
      input: { pods: [buildPod({ name: 'a', cpuMilli: 100 }), buildPod({ name: 'b', cpuMilli: 100, cpuRequestMilli: null })] },
      reason: 'FailedGetResourceMetric',
      message: 'failed to get cpu utilization: missing request for cpu in Pod b',
    },
    {
      name: 'every sampled pod is unready',
      metric: { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } } as HpaMetricSpec,
      input: { pods: [buildPod({ cpuMilli: 100, ready: false, startedSecAgo: 20, readySecAgo: 20 })] },
      reason: 'FailedGetResourceMetric',
      message: 'failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)',
    },
    {
      name: 'no Pods metric values',
      metric: { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: 1000 } } } as HpaMetricSpec,
      input: { pods: [buildPod()] },
      reason: 'FailedGetPodsMetric',
      message: 'unable to get metric rps: no metrics returned from custom metrics API',
    },
    {
      name: 'External series missing',
      metric: externalTarget('Value', 1000),
      input: { pods: [buildPod()] },
      reason: 'FailedGetExternalMetric',
      message: 'unable to get external metric sqs: no metrics returned from external metrics API',
    },
  ])('$name → $reason', ({ metric, input, reason, message }) => {
    const result = computeReplicasForMetric(metric, ctx(input));
    expect(result.replicas).toBeNull();
    expect(result.failureReason).toBe(reason);
    expect(result.message).toBe(message);
  });
});
