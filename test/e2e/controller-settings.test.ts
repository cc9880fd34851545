import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';

const scenario = (cluster: string) => `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: settings }
spec:
  duration: 10m
  cluster:
${cluster}
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: shared, machineType: e2-standard-4, minNodes: 3, maxNodes: 3, initialNodes: 3 }
  workloads:
    - { name: a, replicas: 1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: b, replicas: 1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: c, replicas: 1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
`;

function load(cluster: string) {
  const r = loadScenario('s.yaml', { readText: () => scenario(cluster) });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.before;
}

describe('controller settings from the scenario', () => {
  test('HPA controller flags are read with their units, the rest keep the upstream defaults', () => {
    const s = load('    hpaController: { syncPeriod: 30s, tolerance: 0.05, cpuInitializationPeriod: 2m }');
    expect(s.cluster.hpaController).toMatchObject({ syncPeriodMs: 30_000, tolerance: 0.05, cpuInitializationPeriodMs: 120_000, initialReadinessDelayMs: 30_000, downscaleStabilizationWindowMs: 300_000 });
  });

  test.each([
    // Three single-pod workloads (so the default topology spreading, which counts pods of the same
    // workload, scores every node alike) of 100m on three empty identical nodes: LeastAllocated
    // scores the emptiest node highest, so each pod lands on a different node; MostAllocated
    // scores the fullest highest, so all three share one node.
    ['LeastAllocated', 3],
    ['MostAllocated', 1],
  ])('scoringStrategy %s puts the pods on %d node(s)', (strategy, nodesUsed) => {
    const sim = new Simulation(load(`    scheduler: { scoringStrategy: ${strategy} }`), 1);
    buildInitialCluster(sim);
    const nodes = new Set<number>();
    for (let p = 0; p < sim.state.podHighWater; p++) if (sim.state.podNode[p]! >= 0) nodes.add(sim.state.podNode[p]!);
    expect(nodes.size).toBe(nodesUsed);
  });

  test('percentageOfNodesToScore is read, adaptive (0) when absent, and bounded to 0-100', () => {
    expect(load('    scheduler: { percentageOfNodesToScore: 40 }').cluster.scheduler).toEqual({ scoringStrategy: 'LeastAllocated', percentageOfNodesToScore: 40 });
    expect(load('    scheduler: {}').cluster.scheduler.percentageOfNodesToScore).toBe(0);
    const bad = loadScenario('s.yaml', { readText: () => scenario('    scheduler: { percentageOfNodesToScore: 101 }') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path).join(' ')).toContain('spec.cluster.scheduler.percentageOfNodesToScore');
  });
});
