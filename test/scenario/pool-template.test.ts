import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { nodeLabels, poolInstanceTypes, templateNodeView, zoneOfOrdinal } from '../../src/scenario/pool-template.js';
import { instanceArch } from '../../src/models/cost/instance-arch.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';

function scenario(cluster: string, workloads = '    - { name: api, replicas: 2, resources: { requests: { cpu: 100m, memory: 64Mi } } }\n') {
  const text = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: labels }
spec:
  duration: 10m
  cluster:
${cluster}
  workloads:
${workloads}`;
  const r = loadScenario('s.yaml', { readText: () => text });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.before;
}

describe('instanceArch: the kubelet kubernetes.io/arch of a type, from the providers naming rules', () => {
  test.each([
    ['m5.large', 'amd64'],
    ['m6i.large', 'amd64'],
    ['c5n.xlarge', 'amd64'],
    ['g4dn.xlarge', 'amd64'],
    ['m7g.large', 'arm64'],
    ['c7gn.xlarge', 'arm64'],
    ['r6gd.large', 'arm64'],
    ['t4g.medium', 'arm64'],
    ['a1.large', 'arm64'],
    ['e2-standard-4', 'amd64'],
    ['t2d-standard-4', 'amd64'],
    ['t2a-standard-4', 'arm64'],
    ['c4a-standard-8', 'arm64'],
    ['Standard_D4s_v5', 'amd64'],
    ['Standard_D4ps_v5', 'arm64'],
    ['Standard_E8pds_v6', 'arm64'],
    ['Standard_D4pls_v5', 'arm64'],
  ])('%s is %s', (name, arch) => {
    expect(instanceArch({ name })).toBe(arch);
  });

  test('an explicit arch wins over the name', () => {
    expect(instanceArch({ name: 'my-box', arch: 'arm64' })).toBe('arm64');
  });
});

describe('nodeLabels: what the kubelet and the provider put on a node', () => {
  test('a GKE node pool: kubelet labels, region and zone of the price table, gke-nodepool', () => {
    const s = scenario('    provider: gke\n    nodePools: [{ name: general, machineType: e2-standard-4, minNodes: 1, maxNodes: 3 }]');
    const pool = s.cluster.nodePools[0]!;
    const [type] = poolInstanceTypes(pool, s.cluster);
    expect(nodeLabels(s.cluster, pool, type!.info, 'general-0', zoneOfOrdinal(pool, 0))).toMatchObject({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'general-0',
      'node.kubernetes.io/instance-type': 'e2-standard-4',
      // gce_price_info.go prices are us-central1's; GKE zones are region-letter.
      'topology.kubernetes.io/region': 'us-central1',
      'topology.kubernetes.io/zone': 'us-central1-a',
      'cloud.google.com/gke-nodepool': 'general',
    });
  });

  test('an EKS managed node group of spot Graviton nodes: arm64, nodegroup and SPOT capacity type', () => {
    const s = scenario('    provider: eks\n    nodePools: [{ name: arm, machineType: m7g.large, capacityType: spot, minNodes: 1, maxNodes: 3 }]');
    const pool = s.cluster.nodePools[0]!;
    const labels = nodeLabels(s.cluster, pool, poolInstanceTypes(pool, s.cluster)[0]!.info, 'arm-0', zoneOfOrdinal(pool, 0));
    expect(labels).toMatchObject({
      'kubernetes.io/arch': 'arm64',
      'topology.kubernetes.io/region': 'us-east-1',
      'topology.kubernetes.io/zone': 'us-east-1a',
      'eks.amazonaws.com/nodegroup': 'arm',
      'eks.amazonaws.com/capacityType': 'SPOT',
    });
    expect(labels['karpenter.sh/nodepool']).toBeUndefined();
  });

  test('an AKS agent pool: agentpool labels and the region-number zone', () => {
    const s = scenario('    provider: aks\n    nodePools: [{ name: user, machineType: Standard_D4s_v5, minNodes: 1, maxNodes: 3 }]');
    const pool = s.cluster.nodePools[0]!;
    expect(nodeLabels(s.cluster, pool, poolInstanceTypes(pool, s.cluster)[0]!.info, 'user-0', zoneOfOrdinal(pool, 0))).toMatchObject({
      'kubernetes.azure.com/agentpool': 'user',
      agentpool: 'user',
      'topology.kubernetes.io/region': 'eastus',
      'topology.kubernetes.io/zone': 'eastus-1',
    });
  });

  test('a Karpenter NodePool: karpenter.sh/nodepool and capacity-type instead of a node group label', () => {
    const s = scenario('    provider: eks\n    nodeAutoscaler: { type: karpenter }\n    nodePools: [{ name: default, instanceTypes: [m5.large, m5.xlarge], capacityType: spot, maxNodes: 5 }]');
    const pool = s.cluster.nodePools[0]!;
    const labels = nodeLabels(s.cluster, pool, poolInstanceTypes(pool, s.cluster)[1]!.info, 'default-0', zoneOfOrdinal(pool, 0));
    expect(labels).toMatchObject({ 'karpenter.sh/nodepool': 'default', 'karpenter.sh/capacity-type': 'spot', 'node.kubernetes.io/instance-type': 'm5.xlarge' });
    expect(labels['eks.amazonaws.com/nodegroup']).toBeUndefined();
  });

  test('a pool label cannot override a well-known label (the kubelet sets those itself)', () => {
    const s = scenario("    nodePools: [{ name: p, machineType: e2-standard-4, minNodes: 1, maxNodes: 1, labels: { 'kubernetes.io/os': windows, team: a } }]");
    const pool = s.cluster.nodePools[0]!;
    const labels = nodeLabels(s.cluster, pool, poolInstanceTypes(pool, s.cluster)[0]!.info, 'p-0', 'z');
    expect(labels['kubernetes.io/os']).toBe('linux');
    expect(labels.team).toBe('a');
  });

  test('zones and region as written; nodes take the zones in turn', () => {
    const s = scenario('    nodePools: [{ name: p, machineType: m5.large, minNodes: 1, maxNodes: 9, region: eu-west-1, zones: [eu-west-1a, eu-west-1b, eu-west-1c] }]');
    const pool = s.cluster.nodePools[0]!;
    expect([0, 1, 2, 3, 4].map((k) => zoneOfOrdinal(pool, k))).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1a', 'eu-west-1b']);
    expect(templateNodeView(s.cluster, pool, poolInstanceTypes(pool, s.cluster)[0]!, 0).labels['topology.kubernetes.io/region']).toBe('eu-west-1');
  });
});

describe('node selectors of real manifests land on simulated nodes', () => {
  test.each([
    ['kubernetes.io/os: linux', "{ 'kubernetes.io/os': linux }", ['amd64', 'arm64']],
    ['the beta os label of older charts', "{ 'beta.kubernetes.io/os': linux }", ['amd64', 'arm64']],
    ['kubernetes.io/arch: arm64 on a Graviton pool', "{ 'kubernetes.io/arch': arm64 }", ['arm64']],
    ['kubernetes.io/arch: amd64', "{ 'kubernetes.io/arch': amd64 }", ['amd64']],
    ['a zone (both pools are in us-east-1a)', "{ 'topology.kubernetes.io/zone': us-east-1a }", ['amd64', 'arm64']],
  ])('%s', (_name, selector, arches) => {
    // Two pools, amd64 and arm64: every pod must be bound, and only to nodes of an allowed arch.
    const s = scenario(
      '    provider: eks\n    nodeAutoscaler: { type: none }\n    nodePools:\n      - { name: x86, machineType: m5.large, minNodes: 2, maxNodes: 2, initialNodes: 2 }\n      - { name: arm, machineType: m7g.large, minNodes: 2, maxNodes: 2, initialNodes: 2 }',
      `    - { name: api, replicas: 3, nodeSelector: ${selector}, resources: { requests: { cpu: 100m, memory: 64Mi } } }\n`,
    );
    const sim = new Simulation(s, 1);
    buildInitialCluster(sim);
    const st = sim.state;
    let bound = 0;
    for (let p = 0; p < st.podHighWater; p++) {
      if (st.podNode[p]! < 0) continue;
      bound++;
      expect(arches).toContain(sim.scheduler.nodeView(st.podNode[p]!).labels['kubernetes.io/arch']);
    }
    expect(bound).toBe(3);
  });
});
