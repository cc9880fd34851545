import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';

// a and b share the one node of pool "one"; c is held on pool "two" by its nodeSelector.
const yaml = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: colocation }
spec:
  duration: 10m
  cluster:
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: one, machineType: e2-standard-4, minNodes: 1, maxNodes: 1, initialNodes: 1 }
      - { name: two, machineType: e2-standard-4, minNodes: 1, maxNodes: 1, initialNodes: 1 }
  workloads:
    - { name: a, replicas: 1, nodeSelector: { kube-whatif/pool: one }, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: b, replicas: 1, nodeSelector: { kube-whatif/pool: one }, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - { name: c, replicas: 1, nodeSelector: { kube-whatif/pool: two }, resources: { requests: { cpu: 100m, memory: 128Mi } } }
`;

describe('co-location in the run result', () => {
  const loaded = loadScenario('s.yaml', { readText: () => yaml });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const run = runSimulation(loaded.value.before);

  test('workloads that shared a node are listed with their share and the node', () => {
    // Both pods start within the first seconds and stay: the shared share is close to 1.
    expect(run.workloads['a']!.colocation['b']).toBeGreaterThan(0.9);
    expect(run.workloads['b']!.colocation['a']).toBeGreaterThan(0.9);
    expect(run.workloads['a']!.colocationNodes['b']).toEqual(['one-0']);
  });

  test('a workload that never met another is absent from its lists, not listed at zero', () => {
    expect(run.workloads['a']!.colocation).not.toHaveProperty('c');
    expect(run.workloads['a']!.colocationNodes).not.toHaveProperty('c');
    expect(run.workloads['c']!.colocation).toEqual({});
    expect(run.workloads['c']!.colocationNodes).toEqual({});
  });
});
