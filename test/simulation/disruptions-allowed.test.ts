import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';
import { disruptionsAllowed } from '../../src/simulation/cluster-view.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';

const yaml = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: pdb }
spec:
  duration: 10m
  cluster:
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: shared, machineType: e2-standard-4, minNodes: 2, maxNodes: 2, initialNodes: 2 }
  workloads:
    - { name: a, replicas: 3, podDisruptionBudget: { minAvailable: 2 }, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: b, replicas: 2, podDisruptionBudget: { maxUnavailable: "50%" }, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: c, replicas: 2, resources: { requests: { cpu: 100m, memory: 128Mi } } }
`;

describe('PodDisruptionBudget status.disruptionsAllowed (pkg/controller/disruption)', () => {
  const loaded = loadScenario('s.yaml', { readText: () => yaml });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));

  test('healthy pods less desiredHealthy, per workload with a PDB; none for a workload without', () => {
    const sim = new Simulation(loaded.value.before, 1);
    buildInitialCluster(sim);
    // a: 3 Ready − minAvailable 2 = 1. b: expected 2, maxUnavailable 50 % rounds up to 1, so
    // desiredHealthy 1 and 2 Ready − 1 = 1. c: no PDB.
    expect(disruptionsAllowed(sim)).toEqual([1, 1, undefined]);
  });

  test('a pod that is not Ready does not count as healthy', () => {
    const sim = new Simulation(loaded.value.before, 1);
    buildInitialCluster(sim);
    const s = sim.state;
    const firstOfA = s.workloadPods[0]![0]!;
    s.podPhase[firstOfA] = PodPhase.starting;
    // a: 2 Ready − 2 = 0.
    expect(disruptionsAllowed(sim)[0]).toBe(0);
  });
});
