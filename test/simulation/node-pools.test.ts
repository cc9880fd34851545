/**
 * Several node pools in one cluster: taints, tolerations and node selectors decide where pods
 * land, end to end through the simulation's scheduler and the Cluster Autoscaler.
 */
import { describe, expect, test } from 'vitest';
import { idleWorkload, runCapturing, scenarioFrom } from './helpers.js';

const toleratePayments = [{ key: 'dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' }];

describe('a tainted pool only tolerating workloads reach', () => {
  // `dedicated` is tainted dedicated=payments:NoSchedule and labelled team=payments.
  // payments tolerates the taint and selects team=payments: it may only land there.
  // checkout has no toleration: the taint keeps it on `shared`.
  // batch tolerates the taint but selects nothing: either pool is allowed.
  // Each e2-standard-4 has 3920 - 200 = 3720m for pods (docs/models/allocatable-and-prices.md#allocatable, 200m DaemonSet), so 2 payments
  // pods of 1500m fit one node: of 4, 2 are Pending at t = 0 and CA grows `dedicated`, the only
  // group whose template node (taint + label) admits them, by ceil(2 / 2) = 1 node at t = 10 s.
  const bound: { workload: string; pool: string }[] = [];
  const run = runCapturing(
    scenarioFrom({
      duration: '3m',
      simulation: { step: '5s', sampleInterval: '10s', metricResolution: '15s' },
      cluster: {
        provider: 'gke',
        nodeAutoscaler: { type: 'cluster-autoscaler', scanInterval: '10s' },
        nodePools: [
          { name: 'shared', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 5, initialNodes: 2, provisioningDelay: '60s' },
          {
            name: 'dedicated',
            machineType: 'e2-standard-4',
            minNodes: 1,
            maxNodes: 5,
            initialNodes: 1,
            provisioningDelay: '60s',
            labels: { team: 'payments' },
            taints: [{ key: 'dedicated', value: 'payments', effect: 'NoSchedule' }],
          },
        ],
        daemonSets: [{ name: 'node-agents', resources: { requests: { cpu: '200m', memory: '300Mi' } } }],
      },
      workloads: [
        idleWorkload('payments', 4, '1500m', '512Mi', { tolerations: toleratePayments, nodeSelector: { team: 'payments' } }),
        idleWorkload('checkout', 3, '500m', '256Mi'),
        idleWorkload('batch', 2, '100m', '128Mi', { tolerations: toleratePayments }),
      ],
    }),
    (sim) =>
      sim.observers.push({
        podBound: (p, n) => {
          const s = sim.state;
          bound.push({ workload: sim.workloads[s.podWorkload[p]!]!.config.name, pool: sim.pools[s.nodePool[n]!]!.config.name });
        },
      }),
  );
  const poolsOf = (w: string) => new Set(bound.filter((b) => b.workload === w).map((b) => b.pool));

  test('payments pods land only on the dedicated pool', () => {
    expect(bound.filter((b) => b.workload === 'payments')).toHaveLength(4);
    expect([...poolsOf('payments')]).toEqual(['dedicated']);
  });

  test('checkout, without the toleration, lands only on the shared pool', () => {
    expect(bound.filter((b) => b.workload === 'checkout')).toHaveLength(3);
    expect([...poolsOf('checkout')]).toEqual(['shared']);
  });

  test('the Cluster Autoscaler grows only the pool the pending pods can use', () => {
    const added = run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'requested');
    expect(added.map((e) => [e.timeMs, e.pool])).toEqual([[10_000, 'dedicated']]);
    expect(run.result.series.workloads.payments!.pendingPods.at(-1)).toBe(0);
  });

  test('FailedScheduling says why each node was rejected', () => {
    const failed = run.result.events.find((e) => e.reason === 'FailedScheduling' && e.subject === 'payments');
    // kube-scheduler FitError text (framework/types.go), reasons sorted: the two shared nodes
    // fail NodeAffinity (the selector), the full dedicated node fails NodeResourcesFit.
    expect(failed?.message).toContain("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.");
  });
});
