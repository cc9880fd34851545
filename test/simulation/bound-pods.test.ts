import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';
import { buildClusterView } from '../../src/simulation/cluster-view.js';
import { boundPodsOf } from '../../src/models/node-autoscaler/bound-pods.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';

const yaml = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: bound }
spec:
  duration: 10m
  cluster:
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: shared, machineType: e2-standard-4, minNodes: 3, maxNodes: 3, initialNodes: 3 }
  workloads:
    - { name: a, replicas: 5, podDisruptionBudget: { minAvailable: 2 }, resources: { requests: { cpu: 300m, memory: 128Mi } } }
    - { name: b, replicas: 4, resources: { requests: { cpu: 500m, memory: 128Mi } } }
    - { name: big, replicas: 1, resources: { requests: { cpu: "20", memory: 128Mi } } }
`;

describe("the simulation's pods by node agree with grouping its pod list", () => {
  const loaded = loadScenario('s.yaml', { readText: () => yaml });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const sim = new Simulation(loaded.value.before, 1);
  buildInitialCluster(sim);
  // One pod of a stops Ready and one of b is on its way out: the first stays bound, the second is gone.
  const s = sim.state;
  s.podPhase[s.workloadPods[0]![0]!] = PodPhase.starting;
  s.podPhase[s.workloadPods[1]![0]!] = PodPhase.terminating;
  const view = buildClusterView(sim);
  const fromList = boundPodsOf(view.pods);

  test('every node: the same pods in the same order, and whether one can move', () => {
    expect(view.nodes.length).toBe(3);
    let total = 0;
    for (const n of view.nodes) {
      expect(view.boundPods.on(n.name)).toEqual(fromList.on(n.name));
      expect(view.boundPods.hasMovable(n.name)).toBe(fromList.hasMovable(n.name));
      total += view.boundPods.on(n.name).length;
    }
    // 5 of a + 3 of b (one terminating); big (20 cores) fits nowhere and stays Pending.
    expect(total).toBe(8);
    expect(view.pendingPods.map((p) => p.workload)).toEqual(['big']);
  });

  test('disruptionsAllowed by budget name: a has 4 Ready − minAvailable 2 = 2; b has no budget', () => {
    expect(view.boundPods.disruptionsAllowed('a')).toBe(2);
    expect(fromList.disruptionsAllowed('a')).toBe(2);
    expect(view.boundPods.disruptionsAllowed('b')).toBeUndefined();
  });

  test('a node that is not in the view has no pods', () => {
    expect(view.boundPods.on('no-such-node')).toEqual([]);
    expect(view.boundPods.hasMovable('no-such-node')).toBe(false);
  });
});
