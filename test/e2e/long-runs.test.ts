import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { decideBatchWindow } from '../../src/models/node-autoscaler/karpenter/batch-window.js';

// The longest run the input limits allow (31 days) with the finest samples (every 15 s step):
// 178,561 samples per series. Maxima over them once spread a series into Math.max's arguments,
// which overflows the stack past about 120,000 values.
const yaml = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: long-fine-samples }
spec:
  duration: 31d
  simulation: { step: 15s, sampleInterval: 15s }
  cluster:
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: shared, machineType: e2-standard-4, minNodes: 1, maxNodes: 1, initialNodes: 1 }
  workloads:
    - { name: a, replicas: 1, workerThreads: 4, resources: { requests: { cpu: 100m, memory: 128Mi } }, load: { type: constant, rps: 5 }, cpuPerRequest: 10ms }
`;

describe('long runs with many samples', () => {
  test('a 31-day run sampled every 15 s is summarised', () => {
    const loaded = loadScenario('s.yaml', { readText: () => yaml });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const run = runSimulation(loaded.value.before);
    // 5 requests/s x 10 ms = 0.05 cores of demand, steady.
    expect(run.workloads['a']!.cpu.peakDemandCores).toBeGreaterThan(0.03);
    expect(run.workloads['a']!.cpu.peakDemandCores).toBeLessThan(0.2);
    expect(run.series.timeMs).toHaveLength(31 * 24 * 240 + 1);
  }, 60_000);

  test("Karpenter's batch window over 200,000 pending pods", () => {
    const pendingSeenMs = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_000);
    // First seen at 0, last at 199,999 ms: the idle window (1 s) would close at 200,999 ms, but the
    // 10 s maximum from the first pod closes it at 10,000 ms, so at 201 s the batch launches.
    const d = decideBatchWindow({ nowMs: 201_000, pendingSeenMs });
    expect(d.closesAtMs).toBe(10_000);
    expect(d.launch).toBe(true);
  });
});
