/**
 * Cost attribution in the running simulation: node cost split by requested share over time
 * (OpenCost's allocation model on requests; unit prices 0.031611 $/vCPU-h and 0.004237 $/GiB-h,
 * OpenCost's defaults, split a node's price into CPU and memory parts).
 */
import { describe, expect, test } from 'vitest';
import { idleWorkload, runCapturing, scenarioFrom } from './helpers.js';

const cluster = (pools: Record<string, unknown>[], nodeAutoscaler: Record<string, unknown> = { type: 'none' }) => ({
  provider: 'generic',
  nodeAutoscaler,
  // generic: allocatable = capacity minus the 100 MiB eviction threshold; capacity = nominal.
  instanceTypes: [{ name: 'test-4', provider: 'generic', vcpu: 4, memory: '16Gi', onDemandHourly: 0.2 }],
  nodePools: pools,
});

describe('cost attribution by requested share', () => {
  test('one node, two workloads, 30 minutes: hand-derived shares, the rest idle', () => {
    // Node price split: CPU weight 4 x 0.031611 = 0.126444, memory 16 x 0.004237 = 0.067792,
    // so CPU part = 0.2 x 0.126444 / 0.194236 = 0.130195 $/h, memory part = 0.069805 $/h.
    // a: 2000m of 4000m (0.5) and 4Gi of 16Gi (0.25): 0.5 x 0.130195 + 0.25 x 0.069805 = 0.082549 $/h.
    // b: 1000m (0.25) and 8Gi (0.5): 0.25 x 0.130195 + 0.5 x 0.069805 = 0.067451 $/h.
    // Over 0.5 h: a 0.0412744, b 0.0337256; total 0.2 x 0.5 = 0.1; idle 0.1 - 0.075 = 0.025
    // (a quarter of both CPU and memory is unrequested, so a quarter of the price is idle).
    const run = runCapturing(
      scenarioFrom({
        duration: '30m',
        simulation: { step: '10s', sampleInterval: '60s', metricResolution: '30s' },
        cluster: cluster([{ name: 'pool', machineType: 'test-4', minNodes: 1, maxNodes: 1, initialNodes: 1 }]),
        workloads: [idleWorkload('a', 1, '2000m', '4Gi'), idleWorkload('b', 1, '1000m', '8Gi')],
      }),
    );
    const a = run.nodeAutoscaling.costAttribution!;
    expect(a.totalUsd).toBeCloseTo(0.1, 12);
    expect(a.byWorkloadUsd.a).toBeCloseTo(0.0412744, 6);
    expect(a.byWorkloadUsd.b).toBeCloseTo(0.0337256, 6);
    expect(a.idleUsd).toBeCloseTo(0.025, 12);
    expect(a.daemonSetsUsd).toBe(0);
    // Monthly projection: x 730 h / 0.5 h.
    expect(a.monthly.totalUsd).toBeCloseTo(0.2 * 730, 9);
  });

  test('the nodes added for a burst are charged to the workload that needed them', () => {
    // `burst` (8 x 1500m) does not fit the one initial node (2 per node: 3 x 1500 > 4000), so CA
    // adds 3 nodes at 10 s, Ready at 70 s. Each full node is 3000m of 4000m CPU and 2Gi of 16Gi:
    // burst is charged 0.75 x 0.130195 + 0.125 x 0.069805 = 0.106372 $/h per full node while bound.
    // `steady` (1 x 100m) stays on the initial node. The added nodes are idle while they boot
    // (10 s to 70 s), so burst's share of the growth is large but less than all of it.
    const run = runCapturing(
      scenarioFrom({
        duration: '20m',
        simulation: { step: '10s', sampleInterval: '60s', metricResolution: '30s' },
        cluster: cluster(
          [{ name: 'pool', machineType: 'test-4', minNodes: 1, maxNodes: 6, initialNodes: 1, provisioningDelay: '60s' }],
          { type: 'cluster-autoscaler', scaleDownEnabled: false },
        ),
        workloads: [idleWorkload('burst', 8, '1500m', '1Gi'), idleWorkload('steady', 1, '100m', '128Mi')],
      }),
    );
    const a = run.nodeAutoscaling.costAttribution!;
    const hours = (ms: number) => ms / 3_600_000;
    // Initial node holds 2 burst pods + steady for 20 min; 3 new nodes hold 2 burst pods each
    // from 70 s to 1200 s.
    const burstPerNodeHour = 0.75 * 0.130195 + 0.125 * 0.069805;
    const expectedBurst = burstPerNodeHour * hours(1_200_000) + 3 * burstPerNodeHour * hours(1_200_000 - 70_000);
    expect(a.byWorkloadUsd.burst).toBeCloseTo(expectedBurst, 5);
    expect(a.totalUsd).toBeCloseTo(0.2 * (hours(1_200_000) + 3 * hours(1_200_000 - 10_000)), 12);
    expect(a.totalUsd).toBeCloseTo(run.result.cost.totalUsd, 12);
  });
});
