import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';
import { idleWorkload, scenarioFrom } from './helpers.js';

// One e2-standard-4 (3,920m allocatable on GKE, less its DaemonSets): "big" takes 3 CPU, so each
// "small" pod of 1.5 CPU fits only once big's pod is gone. The scheduler remembers a workload's
// failure while the nodes are unchanged; these check that a change brings its pods back.
const spec = {
  duration: '10m',
  cluster: { provider: 'gke', nodeAutoscaler: { type: 'none' }, nodePools: [{ name: 'p', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 1 }] },
  workloads: [idleWorkload('big', 1, '3', '128Mi'), idleWorkload('small', 2, '1500m', '128Mi', { terminationGracePeriodSeconds: 5 })],
};

const phasesOf = (sim: Simulation, workload: number): number[] => sim.state.workloadPods[workload]!.map((p) => sim.state.podPhase[p]!);

describe('Pending pods are retried when the nodes change', () => {
  test('pods that failed are bound once a pod leaving frees the room', () => {
    const sim = new Simulation(scenarioFrom({ ...spec, workloads: [idleWorkload('big', 1, '3', '128Mi', { terminationGracePeriodSeconds: 5 }), spec.workloads[1]] }), 1);
    buildInitialCluster(sim);
    expect(phasesOf(sim, 1)).toEqual([PodPhase.pending, PodPhase.pending]);
    // Passes with nothing changed on the node (a new Pending pod of big's own) leave them Pending.
    sim.replicaSets.scale(sim.workloads[0]!, 2);
    sim.env.run(1_000);
    expect(phasesOf(sim, 1)).toEqual([PodPhase.pending, PodPhase.pending]);
    // big to zero: its pods go (the bound one after its 5 s grace period) and both small pods fit.
    sim.replicaSets.scale(sim.workloads[0]!, 0);
    sim.env.run(10_000);
    expect(phasesOf(sim, 1).every((ph) => ph !== PodPhase.pending)).toBe(true);
  });

  test('pods that failed are bound on a node that joins', () => {
    const sim = new Simulation(scenarioFrom(spec), 1);
    buildInitialCluster(sim);
    expect(phasesOf(sim, 1)).toEqual([PodPhase.pending, PodPhase.pending]);
    sim.nodes.add(sim.pools[0]!, 0, true);
    sim.env.run(1_000);
    expect(phasesOf(sim, 1).every((ph) => ph !== PodPhase.pending)).toBe(true);
  });
});
