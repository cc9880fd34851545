/**
 * ContainerResource metrics: the upstream replica calculator cases that name a container
 * (kubernetes pkg/controller/podautoscaler/replica_calculator_test.go, names kept). The upstream
 * harness gives every pod two containers, container1 and container2, each with the listed request
 * (1 core) and its own usage level; the metric reads container2 only.
 */
import { describe, expect, test } from 'vitest';
import { computeReplicasForMetric } from '../../../src/models/hpa/compute-replicas-for-metric.js';
import type { HpaMetricSpec, HpaPodObservation, HpaPodPhase } from '../../../src/models/hpa/types.js';
import { buildPod, NOW_MS } from './builders.js';

/** The upstream harness's cpu initialization period and initial readiness delay. */
const times = { nowMs: NOW_MS, cpuInitializationPeriodMs: 120_000, initialReadinessDelayMs: 10_000 };

interface Row {
  readonly name: string;
  readonly currentReplicas: number;
  readonly target: number;
  /** Per pod: [container1 usage, container2 usage]; a missing entry = no sample. */
  readonly levels: readonly (readonly number[])[];
  readonly pods: number;
  readonly readiness?: readonly boolean[];
  readonly phase?: readonly HpaPodPhase[];
  readonly hot?: readonly boolean[];
  readonly expected: { readonly replicas: number; readonly utilization: number; readonly valueMilli: number };
}

function pods(row: Row): HpaPodObservation[] {
  return Array.from({ length: row.pods }, (_, i) => {
    const level = row.levels[i] ?? [];
    const hot = row.hot?.[i] ?? false;
    // Hot pods started and became Ready just now; cool ones three minutes ago.
    const base = buildPod({ name: `test-pod-${i}`, phase: row.phase?.[i] ?? 'Running', ready: row.readiness?.[i] ?? true, startedSecAgo: hot ? 0 : 180, readySecAgo: hot ? 0 : 180, cpuRequestMilli: 2000, cpuMilli: level.length === 2 ? level[0]! + level[1]! : null });
    const sample = (v: number | undefined) => (v === undefined ? null : { valueMilli: v, timestampMs: NOW_MS, windowMs: 60_000 });
    return {
      ...base,
      containers: {
        container1: { requestsMilli: { cpu: 1000, memory: null }, metrics: { cpu: sample(level[0]), memory: null } },
        container2: { requestsMilli: { cpu: 1000, memory: null }, metrics: { cpu: sample(level[1]), memory: null } },
      },
    };
  });
}

const metric = (target: number): HpaMetricSpec => ({
  type: 'ContainerResource',
  containerResource: { name: 'cpu', container: 'container2', target: { type: 'Utilization', averageUtilization: target } },
});

describe('ContainerResource metrics (upstream replica_calculator_test.go)', () => {
  test.each<Row>([
    {
      // container2: (300 + 500 + 700) / 3000 = 50 %; 50/30 → ceil(3 × 1.667) = 5.
      name: 'TestReplicaCalcContainerScaleUp',
      currentReplicas: 3,
      target: 30,
      pods: 3,
      levels: [[1000, 300], [1000, 500], [1000, 700]],
      expected: { replicas: 5, utilization: 50, valueMilli: 500 },
    },
    {
      // The hot pod is unready for CPU: ready pods (500 + 700) / 2000 = 60 %; with it at 0:
      // 1200 / 3000 = 40 %, 40/30 → ceil(3 × 1.333) = 4.
      name: 'TestReplicaCalcScaleUpContainerHotCpuLessScale',
      currentReplicas: 3,
      target: 30,
      pods: 3,
      hot: [true, false, false],
      levels: [[0, 300], [0, 500], [0, 700]],
      expected: { replicas: 4, utilization: 60, valueMilli: 600 },
    },
    {
      // Failed pods are ignored: (500 + 700) / 2000 = 60 %; 60/30 → 2 × 2 = 4.
      name: 'TestReplicaCalcMissingContainerMetricScaleUpIgnoresFailedPods',
      currentReplicas: 2,
      target: 30,
      pods: 4,
      readiness: [true, true, false, false],
      phase: ['Running', 'Running', 'Failed', 'Failed'],
      levels: [[1000, 500], [9000, 700], [1000], [9000]],
      expected: { replicas: 4, utilization: 60, valueMilli: 600 },
    },
    {
      name: 'TestReplicaCalcScaleUpContainerIgnoresFailedPods',
      currentReplicas: 2,
      target: 30,
      pods: 4,
      readiness: [true, true, false, false],
      phase: ['Running', 'Running', 'Failed', 'Failed'],
      levels: [[1000, 500], [9000, 700]],
      expected: { replicas: 4, utilization: 60, valueMilli: 600 },
    },
  ])('$name', (row) => {
    const result = computeReplicasForMetric(metric(row.target), {
      specReplicas: row.currentReplicas,
      statusReplicas: row.currentReplicas,
      pods: pods(row),
      objectMetrics: {},
      externalMetrics: {},
      tolerances: { scaleUp: 0.1, scaleDown: 0.1 },
      times,
    });
    expect(result.failureReason).toBeNull();
    expect(result.replicas).toBe(row.expected.replicas);
    expect(result.current?.averageUtilization).toBe(row.expected.utilization);
    expect(result.current?.averageValueMilli).toBe(row.expected.valueMilli);
  });

  test('a pod without the named container has no sample: the metric fails with the upstream reason', () => {
    const noContainer = pods({ name: '', currentReplicas: 1, target: 50, pods: 1, levels: [[100, 100]], expected: { replicas: 0, utilization: 0, valueMilli: 0 } }).map((p) => ({ ...p, containers: {} }));
    const result = computeReplicasForMetric(metric(50), { specReplicas: 1, statusReplicas: 1, pods: noContainer, objectMetrics: {}, externalMetrics: {}, tolerances: { scaleUp: 0.1, scaleDown: 0.1 }, times });
    expect(result.replicas).toBeNull();
    expect(result.failureReason).toBe('FailedGetContainerResourceMetric');
  });

  test('the Resource metric of the same pods sums both containers (usage and requests)', () => {
    // (1300 + 1500 + 1700) / 6000 = 75 %; 75/30 = 2.5 → ceil(7.5) = 8.
    const all = pods({ name: '', currentReplicas: 3, target: 30, pods: 3, levels: [[1000, 300], [1000, 500], [1000, 700]], expected: { replicas: 0, utilization: 0, valueMilli: 0 } });
    const result = computeReplicasForMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 30 } } }, { specReplicas: 3, statusReplicas: 3, pods: all, objectMetrics: {}, externalMetrics: {}, tolerances: { scaleUp: 0.1, scaleDown: 0.1 }, times });
    expect(result.replicas).toBe(8);
    expect(result.current?.averageUtilization).toBe(75);
  });
});
