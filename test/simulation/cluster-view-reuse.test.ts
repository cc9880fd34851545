/**
 * A node autoscaler's view is handed out again while nothing it reads has changed
 * (src/simulation/cluster-view-reuse.ts), and the Cluster Autoscaler reuses its scale-down search
 * while it gets the view that search was made on. The reuse is worth having only if it is
 * invisible: the oracle is the simulator with the reuse switched off (a new view every loop, so
 * no search reused either), on random clusters, and the unit cases check that every input the
 * view reads makes it build again.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { buildClusterView } from '../../src/simulation/cluster-view.js';
import { ClusterViewReuse, clusterViewCounts } from '../../src/simulation/cluster-view-reuse.js';
import { NodePhase, PodPhase } from '../../src/simulation/pod-phase.js';
import type { Simulation } from '../../src/simulation/simulation.js';
import { churningAutoscaler, runCapturing, scenarioFrom } from './helpers.js';

/** Two pools' worth of nodes with two workloads, one behind a PodDisruptionBudget, after 3 minutes. */
function settledCluster(): Simulation {
  const scenario = scenarioFrom({
    duration: '3m',
    seed: 7,
    cluster: {
      provider: 'eks',
      nodeAutoscaler: { type: 'cluster-autoscaler' },
      nodePools: [{ name: 'main', machineType: 'm5.large', minNodes: 3, maxNodes: 5, initialNodes: 3 }],
    },
    workloads: [
      { name: 'api', replicas: 3, resources: { requests: { cpu: '300m', memory: '256Mi' } }, load: { type: 'constant', rps: 20 }, cpuPerRequest: '10ms', podDisruptionBudget: { minAvailable: 2 } },
      { name: 'worker', replicas: 2, resources: { requests: { cpu: '200m', memory: '128Mi' } }, load: { type: 'constant', rps: 5 }, cpuPerRequest: '5ms' },
    ],
  });
  return runCapturing(scenario).sim;
}

describe("a node's list of pod views, kept between views", () => {
  // buildClusterView hands out a node's list again, the same object, while its pod slots, their
  // names and their PDBs' disruptionsAllowed are the same; any of the three changed on one node
  // gives that node a new list holding what a build without kept lists holds.
  const lists = (sim: Simulation, keep = true) => {
    const view = buildClusterView(sim, keep);
    return view.nodes.map((n) => view.boundPods.on(n.name));
  };
  const names = (l: readonly (readonly { name: string; pdb?: { disruptionsAllowed: number } | null }[])[]) => l.map((x) => x.map((p) => [p.name, p.pdb?.disruptionsAllowed ?? null]));

  test('unchanged: every list is the same object', () => {
    const sim = settledCluster();
    const first = lists(sim);
    const second = lists(sim);
    expect(first.some((l) => l.length > 0)).toBe(true);
    second.forEach((l, i) => expect(l).toBe(first[i]));
  });

  test.each([
    {
      name: 'a pod slot holds a new pod (a new name)',
      change: (sim: Simulation, p: number) => {
        sim.state.podName[p] = `${sim.state.podName[p]}-again`;
      },
    },
    {
      name: "a pod's PDB allows fewer disruptions (an api pod not ready)",
      change: (sim: Simulation, p: number) => {
        const api = sim.workloads.find((w) => w.config.name === 'api')!;
        const other = sim.state.workloadPods[api.index]!.find((q) => q !== p)!;
        sim.state.podPhase[other] = PodPhase.running;
      },
    },
  ])('$name: that node gets a new list, as built afresh', ({ change }) => {
    const sim = settledCluster();
    const api = sim.workloads.find((w) => w.config.name === 'api')!;
    const p = sim.state.workloadPods[api.index]![0]!;
    const first = lists(sim);
    change(sim, p);
    const again = lists(sim);
    expect(names(again)).toEqual(names(lists(sim, false)));
    expect(names(again)).not.toEqual(names(first));
    const node = buildClusterView(sim).nodes.findIndex((n) => n.name === sim.state.nodeName[sim.state.podNode[p]!]);
    expect(again[node]).not.toBe(first[node]);
  });
});

describe('ClusterViewReuse', () => {
  test('the same view while nothing read changes, and a new one after each change', () => {
    const changes: readonly [string, (sim: Simulation) => void][] = [
      ['a pod phase', (sim) => (sim.state.podPhase[0] = PodPhase.terminating)],
      ['a pod node', (sim) => (sim.state.podNode[1] = sim.state.podNode[1] === 0 ? 1 : 0)],
      ['a pod slot reused (its name)', (sim) => (sim.state.podName[2] = 'api-99')],
      ['one pod slot more', (sim) => sim.state.allocatePod(0)],
      ['a node phase', (sim) => (sim.state.nodePhase[0] = NodePhase.deleting)],
      ['a node version (its pods or requests)', (sim) => sim.state.nodeVersion[1]!++],
      ['a node cordoned', (sim) => sim.nodes.cordoned.add(2)],
      ['one node slot more', (sim) => sim.state.allocateNode()],
      ['a desired replica count (the PDB expects more)', (sim) => (sim.workloads[0]!.desiredReplicas += 1)],
    ];
    for (const [what, change] of changes) {
      const sim = settledCluster();
      const views = new ClusterViewReuse(sim);
      const first = views.current();
      expect(views.current(), `${what}: unchanged`).toBe(first);
      change(sim);
      const second = views.current();
      expect(second, `${what}: changed`).not.toBe(first);
      expect(views.current(), `${what}: unchanged after the change`).toBe(second);
    }
  });

  test('a reused view holds what a fresh build holds', () => {
    const sim = settledCluster();
    const views = new ClusterViewReuse(sim);
    views.current();
    const reused = views.current();
    const fresh = buildClusterView(sim);
    expect(JSON.stringify(reused.nodes)).toBe(JSON.stringify(fresh.nodes));
    expect(JSON.stringify(reused.pendingPods)).toBe(JSON.stringify(fresh.pendingPods));
    expect([...reused.nodeSlots]).toEqual([...fresh.nodeSlots]);
    for (const n of fresh.nodes) expect(JSON.stringify(reused.boundPods.on(n.name))).toBe(JSON.stringify(fresh.boundPods.on(n.name)));
    expect(reused.disruptionsAllowed).toEqual(fresh.disruptionsAllowed);
  });

  test('switched off, it builds every time', () => {
    const views = new ClusterViewReuse(settledCluster(), false);
    expect(views.current()).not.toBe(views.current());
  });
});

describe('reusing the view gives the bytes building it every loop gives', () => {
  // Random small clusters under Poisson load that the HPA scales up and down: the Cluster
  // Autoscaler or Karpenter adds nodes for Pending pods, removes unneeded ones or consolidates
  // (with a PDB in the way at times), and in between sees the same cluster for many loops.
  const workloadArb = fc.record({
    replicas: fc.integer({ min: 1, max: 4 }),
    cpuMilli: fc.integer({ min: 200, max: 1500 }),
    rps: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3 }),
    cpuPerRequestMs: fc.integer({ min: 2, max: 30 }),
    hpaMax: fc.integer({ min: 2, max: 8 }),
    pdb: fc.boolean(),
  });
  const clusterArb = fc.record({ workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }), seed: fc.integer({ min: 1, max: 1000 }) });
  test.each(['cluster-autoscaler', 'karpenter'] as const)('random clusters with %s', (autoscaler) => {
    let reusedLoops = 0;
    let builtLoops = 0;
    fc.assert(
      fc.property(clusterArb, (c) => {
        const scenario = scenarioFrom({
          duration: '50m',
          seed: c.seed,
          simulation: { step: '5s', sampleInterval: '1m' },
          cluster: { provider: 'eks', ...churningAutoscaler(autoscaler, ['m5.large', 'm5.xlarge'], 6) },
          workloads: c.workloads.map((w, i) => ({
            name: `w${i}`,
            replicas: Math.min(w.replicas, w.hpaMax),
            resources: { requests: { cpu: `${w.cpuMilli}m`, memory: '256Mi' } },
            load: { type: 'step', steps: w.rps.map((rps, k) => ({ at: `${k * 15}m`, rps })) },
            cpuPerRequest: `${w.cpuPerRequestMs}ms`,
            hpa: { minReplicas: 1, maxReplicas: w.hpaMax, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] },
            ...(w.pdb ? { podDisruptionBudget: { maxUnavailable: 1 } } : {}),
          })),
        });
        const before = { ...clusterViewCounts };
        const reused = JSON.stringify(runSimulation(scenario));
        reusedLoops += clusterViewCounts.reused - before.reused;
        builtLoops += clusterViewCounts.built - before.built;
        const built = JSON.stringify(runSimulation(scenario, scenario.seed, { reuseClusterViews: false }));
        expect(reused).toBe(built);
      }),
      { numRuns: 25, seed: 20261205 },
    );
    // Not vacuous: with the reuse on, loops both reused views and built new ones after changes
    // (more than the one first build per run).
    expect(reusedLoops).toBeGreaterThan(1000);
    expect(builtLoops).toBeGreaterThan(4 * 25);
  });
});
