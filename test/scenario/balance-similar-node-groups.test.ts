import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';

function load(nodeAutoscaler: string) {
  const text = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: balance }
spec:
  duration: 10m
  cluster:
    provider: gke
    nodeAutoscaler: ${nodeAutoscaler}
    nodePools: [{ name: web, machineType: e2-standard-4, minNodes: 1, maxNodes: 5 }]
  workloads:
    - { name: api, replicas: 1, resources: { requests: { cpu: 100m, memory: 64Mi } } }
`;
  return loadScenario('s.yaml', { readText: () => text });
}

describe('nodeAutoscaler.balanceSimilarNodeGroups (--balance-similar-node-groups)', () => {
  test.each([
    { name: 'absent: the flag default, false', written: '{ type: cluster-autoscaler }', expected: false },
    { name: 'true', written: '{ type: cluster-autoscaler, balanceSimilarNodeGroups: true }', expected: true },
  ])('$name', ({ written, expected }) => {
    const r = load(written);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.before.cluster.nodeAutoscaler.balanceSimilarNodeGroups).toBe(expected);
  });

  test('a non-boolean is a problem at the field', () => {
    const r = load('{ balanceSimilarNodeGroups: yes-please }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.problems)).toContain('balanceSimilarNodeGroups');
  });
});
