import { describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';

const cluster = `  cluster:
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: general, machineType: e2-standard-4, minNodes: 2, maxNodes: 2, initialNodes: 2, labels: { tier: general } }
      - { name: fast, machineType: e2-standard-4, minNodes: 2, maxNodes: 2, initialNodes: 2, labels: { tier: fast } }
`;

/** Pools of the nodes the workload's pods were bound to. */
function poolsUsed(sim: Simulation, workload: string): Set<string> {
  const out = new Set<string>();
  const s = sim.state;
  for (let p = 0; p < s.podHighWater; p++) {
    if (s.podNode[p]! < 0 || sim.workloads[s.podWorkload[p]!]!.config.name !== workload) continue;
    out.add(sim.pools[s.nodePool[s.podNode[p]!]!]!.config.name);
  }
  return out;
}

describe('required node affinity', () => {
  test('written in a scenario, it keeps the pods on the matching pool', () => {
    // Without affinity the default scoring spreads 4 pods over all 4 nodes of both pools; with
    // "tier In [fast]" the filter leaves only the 2 fast nodes.
    const text = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: affinity }
spec:
  duration: 10m
${cluster}  workloads:
    - name: api
      replicas: 4
      resources: { requests: { cpu: 100m, memory: 64Mi } }
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{ key: tier, operator: In, values: [fast] }]
    - name: free
      replicas: 4
      resources: { requests: { cpu: 100m, memory: 64Mi } }
`;
    const r = loadScenario('s.yaml', { readText: () => text });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const sim = new Simulation(r.value.before, 1);
    buildInitialCluster(sim);
    expect([...poolsUsed(sim, 'api')]).toEqual(['fast']);
    expect([...poolsUsed(sim, 'free')].sort()).toEqual(['fast', 'general']);
  });

  test('imported from a Deployment manifest, it is simulated too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-affinity-'));
    writeFileSync(
      join(dir, 'deploy.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  replicas: 4
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{ key: tier, operator: NotIn, values: [fast] }]
      containers:
        - name: app
          image: example
          resources: { requests: { cpu: 100m, memory: 64Mi } }
`,
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: imported }
spec:
  imports: [{ manifests: deploy.yaml }]
  duration: 10m
${cluster}  workloads:
    - name: api
      load: { type: constant, rps: 1 }
      cpuPerRequest: 1ms
      workerThreads: 1
`,
    );
    const r = loadScenario(join(dir, 'scenario.yaml'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.before.workloads[0]!.nodeAffinity).toEqual({
      requiredTerms: [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fast'] }] }],
    });
    const sim = new Simulation(r.value.before, 1);
    buildInitialCluster(sim);
    expect([...poolsUsed(sim, 'api')]).toEqual(['general']);
  });
});
