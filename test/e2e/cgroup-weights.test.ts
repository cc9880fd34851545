import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';

/** Two saturated Burstable pods (1000m and 100m requests, no limits) alone on a 2-vCPU node. */
const scenario = (conversion: string) => `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: weights }
spec:
  duration: 10m
  cluster:
    cpuWeightConversion: ${conversion}
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: p, machineType: e2-standard-2, minNodes: 1, maxNodes: 1, initialNodes: 1 }
  workloads:
    - name: big
      replicas: 1
      resources: { requests: { cpu: 1000m, memory: 128Mi } }
      load: { type: constant, rps: 1000, noise: none }
      cpuPerRequest: 10ms
      workerThreads: 4
    - name: small
      replicas: 1
      resources: { requests: { cpu: 100m, memory: 128Mi } }
      load: { type: constant, rps: 1000, noise: none }
      cpuPerRequest: 10ms
      workerThreads: 4
`;

describe('cgroup v1 shares vs the v2 cpu.weight conversions', () => {
  // Both pods want 10 cores and may use 4 threads each, so the 2 cores split by weight:
  // big = 2 * w(1000m) / (w(1000m) + w(100m)). Shares: 1000m -> 1024, 100m -> 102.
  test.each([
    // v1: 1024 : 102 -> 2 * 1024 / 1126
    ['cgroup-v1-shares', (2 * 1024) / 1126],
    // legacy v2: 1 + floor((s - 2) * 9999 / 262142): 1024 -> 39, 102 -> 4 -> 2 * 39 / 43
    ['v2-legacy', (2 * 39) / 43],
    // new v2 (runc #4785): ceil(10^((l^2 + 125 l) / 612 - 7/34)), l = log2(s): 1024 -> 100, 102 -> 17
    ['v2-new', (2 * 100) / 117],
  ])('%s gives the 1000m pod %f cores', (conversion, big) => {
    const r = loadScenario('s.yaml', { readText: () => scenario(conversion as string) });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const run = runSimulation(r.value.before, 1);
    expect(run.workloads.big!.cpu.meanReceivedCores).toBeCloseTo(big as number, 3);
    expect(run.workloads.small!.cpu.meanReceivedCores).toBeCloseTo(2 - (big as number), 3);
  });
});
