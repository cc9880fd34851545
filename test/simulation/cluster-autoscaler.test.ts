/**
 * Cluster Autoscaler inside the running simulation. Expectations are hand-derived from
 * docs/models/cluster-autoscaler.md (timings) and docs/models/allocatable-and-prices.md#allocatable in the comments.
 */
import { describe, expect, test } from 'vitest';
import { idleWorkload, runCapturing, scenarioFrom } from './helpers.js';

/**
 * Two pools on GKE. `work` (e2-standard-4) starts with 1 node; `spare` (e2-standard-2, tainted,
 * nothing tolerates it) starts with 1 empty node. Every node runs a 200m / 300Mi DaemonSet.
 * `burst` has 8 replicas of 1500m / 512Mi from t = 0.
 *
 * e2-standard-4 allocatable CPU is 3920m (docs/models/allocatable-and-prices.md#allocatable), so a node has 3920 − 200 = 3720m for pods:
 * 2 pods (3000m); a third would need 4500m. The initial node takes 2 pods, 6 stay Pending.
 * CA's first loop runs one scan interval after start, at t = 10 s; binpacking 6 pods on fresh
 * template nodes of 2 pods each gives ceil(6 / 2) = 3 nodes. They are Ready after the fixed
 * provisioning delay of 120 s, at t = 130 s, and the 6 pods bind then. Loops at 20..120 s see the
 * pods fit the 3 upcoming nodes and add nothing.
 */
function burstScenario(caFlags: Record<string, unknown>) {
  return scenarioFrom({
    duration: '11m',
    simulation: { step: '5s', sampleInterval: '10s', metricResolution: '15s' },
    cluster: {
      provider: 'gke',
      nodeAutoscaler: { type: 'cluster-autoscaler', scanInterval: '10s', ...caFlags },
      nodePools: [
        { name: 'work', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 10, initialNodes: 1, provisioningDelay: '120s' },
        {
          name: 'spare',
          machineType: 'e2-standard-2',
          minNodes: 0,
          maxNodes: 2,
          initialNodes: 1,
          provisioningDelay: '120s',
          taints: [{ key: 'dedicated', value: 'spare', effect: 'NoSchedule' }],
        },
      ],
      daemonSets: [{ name: 'node-agents', resources: { requests: { cpu: '200m', memory: '300Mi' } } }],
    },
    workloads: [idleWorkload('burst', 8, '1500m', '512Mi')],
  });
}

describe('Cluster Autoscaler in the simulation', () => {
  const withCooldown = runCapturing(burstScenario({ scaleDownUnneededTime: '55s', scaleDownDelayAfterAdd: '10m' }));
  const noCooldown = runCapturing(burstScenario({ scaleDownUnneededTime: '55s', scaleDownDelayAfterAdd: '0s' }));

  test('a burst of 6 pending pods adds exactly 3 nodes at the first scan (t = 10 s)', () => {
    const added = withCooldown.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'requested');
    expect(added.map((e) => [e.timeMs, e.pool, e.instanceType])).toEqual([
      [10_000, 'work', 'e2-standard-4'],
      [10_000, 'work', 'e2-standard-4'],
      [10_000, 'work', 'e2-standard-4'],
    ]);
    const scaleUps = withCooldown.result.events.filter((e) => e.source === 'cluster-autoscaler' && e.reason === 'TriggeredScaleUp');
    expect(scaleUps.map((e) => e.timeMs)).toEqual([10_000]);
  });

  test('the pending pods bind when the nodes are Ready, after the 120 s provisioning delay', () => {
    const ready = withCooldown.result.events.filter((e) => e.reason === 'NodeReady').map((e) => e.timeMs);
    expect(ready).toEqual([130_000, 130_000, 130_000]);
    const series = withCooldown.result.series;
    const pendingAt = (t: number) => series.workloads.burst!.pendingPods[series.timeMs.indexOf(t)];
    expect(pendingAt(120_000)).toBe(6);
    expect(pendingAt(130_000)).toBe(0);
  });

  test('the empty spare node goes exactly unneeded-time after it was first seen, on the scan grid', () => {
    // The t = 10 s loop scaled up, so it skipped scale-down (static_autoscaler.go): the spare node
    // is first unneeded at the t = 20 s loop. 20 + 55 = 75 s is between scans; the next scan is 80 s.
    const removed = noCooldown.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed');
    expect(removed.map((e) => [e.timeMs, e.node])).toEqual([[80_000, 'spare-0']]);
  });

  test('no node is removed before scale-down-delay-after-add has passed since the scale-up', () => {
    // Same run with a 10 min delay after add: the node would go at 80 s without the cooldown;
    // the cooldown ends at 10 s + 600 s = 610 s, a scan instant, and the node goes then.
    const removed = withCooldown.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed');
    expect(removed.map((e) => [e.timeMs, e.node])).toEqual([[610_000, 'spare-0']]);
    const cooldown = withCooldown.result.events.find((e) => e.reason === 'ScaleDownEmpty');
    expect(cooldown?.timeMs).toBe(610_000);
  });

  test('the busy work nodes are never removed (utilization (200 + 3000) / 3920 = 0.82 >= 0.5)', () => {
    const removedWork = withCooldown.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed' && e.pool === 'work');
    expect(removedWork).toEqual([]);
  });
});
