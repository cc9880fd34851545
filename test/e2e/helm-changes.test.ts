import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';

const values = (autoscaling: boolean, affinity = '') => `replicaCount: 3
resources:
  requests: { cpu: 200m, memory: 128Mi }
  limits: { cpu: 500m, memory: 256Mi }
autoscaling:
  enabled: ${autoscaling}
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 70
${affinity}`;

const scenario = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: helm-toggle }
spec:
  duration: 1h
  seeds: 1
  cluster:
    provider: gke
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: general, machineType: e2-standard-4, minNodes: 2, maxNodes: 2, initialNodes: 2, labels: { tier: general } }
      - { name: fast, machineType: e2-standard-4, minNodes: 2, maxNodes: 2, initialNodes: 2, labels: { tier: fast } }
  workloads:
    - name: api
      helm: { values: values.yaml, valuesAfter: values-after.yaml }
      load: { type: constant, rps: 40 }
      cpuPerRequest: 10ms
      workerThreads: 4
`;

function project(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-helm-'));
  writeFileSync(join(dir, 'values.yaml'), before);
  writeFileSync(join(dir, 'values-after.yaml'), after);
  writeFileSync(join(dir, 'scenario.yaml'), scenario);
  return dir;
}

describe('Helm values changes', () => {
  test.each([
    ['turns the HPA off', true, false, [2, 6], [null, null]],
    ['turns the HPA on', false, true, [null, null], [2, 6]],
  ])('a values change that %s: compare runs and the Change section names the HPA bounds', async (_name, before, after, b, a) => {
    const dir = project(values(before), values(after));
    const out = join(dir, 'r.json');
    const r = await runCli('compare', join(dir, 'scenario.yaml'), '--json', out);
    expect(r.err).not.toMatch(/internal error/);
    expect([0, 1]).toContain(r.code);
    const fields = Object.fromEntries(JSON.parse(readFileSync(out, 'utf8')).change.fields.map((f: { path: string; before: unknown; after: unknown }) => [f.path, [f.before, f.after]]));
    expect(fields['workloads.api.hpa.minReplicas']).toEqual([b[0], a[0]]);
    expect(fields['workloads.api.hpa.maxReplicas']).toEqual([b[1], a[1]]);
  });

  test("the chart's affinity is the workload's: the simulation keeps the pods on the pool it requires", () => {
    const affinity = `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions: [{ key: tier, operator: In, values: [fast] }]
`;
    const dir = project(values(false, affinity), values(false, affinity));
    const loaded = loadScenario(join(dir, 'scenario.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.value.before.workloads[0]!.nodeAffinity?.requiredTerms?.[0]?.matchExpressions).toEqual([{ key: 'tier', operator: 'In', values: ['fast'] }]);
    const sim = new Simulation(loaded.value.before, 1);
    buildInitialCluster(sim);
    const s = sim.state;
    const pools = new Set<string>();
    for (let p = 0; p < s.podHighWater; p++) if (s.podNode[p]! >= 0) pools.add(sim.pools[s.nodePool[s.podNode[p]!]!]!.config.name);
    // Without the affinity the default spreading would use both pools for 3 pods on 4 nodes.
    expect([...pools]).toEqual(['fast']);
  });
});
