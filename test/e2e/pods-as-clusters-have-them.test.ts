/**
 * Scenario-level checks of containers, sidecars, pod (anti-)affinity, topology spreading, zones and
 * preemption, run from scenario files through the CLI. Each expected figure is worked out by hand
 * in the comment beside it.
 */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';

function scenarioFile(text: string, name = 'scenario.yaml'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-pods-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

function runOf(text: string, which: 'before' | 'after' = 'before') {
  const { file } = scenarioFile(text);
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const scenario = which === 'before' ? loaded.value.before : loaded.value.after!;
  return runSimulation(scenario);
}

const header = (name: string, pools: string, duration = '1h') => `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  duration: ${duration}
  seed: 1
  seeds: 1
  cluster:
    provider: gke
${pools}
`;

describe('a sidecar with its own CPU limit', () => {
  // The proxy needs 1 ms of CPU per request; each of the 2 pods gets 100 rps, so the proxy demands
  // 0.1 core s/s plus 5m idle = 0.105 cores against its 50m limit: its quota runs out in nearly
  // every 100 ms period. The app container has no limit and needs 100 × 2 ms = 0.2 cores, well
  // inside a node: it is never throttled.
  const text = `${header('sidecar-limit', `    nodeAutoscaler: { type: none }
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 1 }]`)}
  workloads:
    - name: api
      replicas: 2
      load: { type: constant, rps: 200, noise: none }
      containers:
        - name: server
          resources: { requests: { cpu: 500m, memory: 256Mi } }
          cpuPerRequest: 2ms
          workerThreads: 8
      initContainers:
        - name: proxy
          restartPolicy: Always
          resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { cpu: 50m } }
          cpuPerRequest: 1ms
          workerThreads: 2
          idleCpu: 5m
  change:
    description: proxy limit 50m -> 500m
    patch:
      workloads:
        - name: api
          initContainers:
            - name: proxy
              resources: { limits: { cpu: 500m } }
`;

  test('throttles the proxy, not the app container, and the pod is reported per container', async () => {
    const run = runOf(text);
    const api = run.workloads.api!;
    expect(api.containers?.proxy?.throttledRatio).toBeGreaterThan(0.9);
    expect(api.containers?.server?.throttledRatio).toBe(0);
    // The proxy gets at most its 50m quota.
    expect(api.containers!.proxy!.meanReceivedCores).toBeLessThanOrEqual(2 * 0.05 + 1e-9);
    const { dir, file } = scenarioFile(text);
    const json = join(dir, 'r.json');
    const r = await runCli('compare', file, '--json', json);
    expect(r.out).toContain('api/proxy throttled');
    const result = JSON.parse(readFileSync(json, 'utf8')) as { containers: Record<string, Record<string, { before: number; after: number }>> };
    // 500m is five times the proxy's demand: the limit no longer bites after the change.
    expect(result.containers.api!.proxy!.before).toBeGreaterThan(0.9);
    expect(result.containers.api!.proxy!.after).toBeLessThan(0.05);
  });

  test("the throttled proxy is on the request path: the pod's p99 drops when its limit is raised", () => {
    const before = runOf(text, 'before').workloads.api!.latency.p99Ms!;
    const after = runOf(text, 'after').workloads.api!.latency.p99Ms!;
    // Throttled, a request waits for the next period's quota (up to 100 ms); unthrottled it needs ~3 ms.
    expect(before).toBeGreaterThan(20);
    expect(after).toBeLessThan(before / 2);
  });
});

describe('required pod anti-affinity on the hostname', () => {
  // Four replicas of 100m fit one e2-standard-4 many times over, but each must be alone on its
  // node among pods labelled app=cache: four nodes, as the scheduler would need.
  const text = `${header('anti-affinity', `    nodeAutoscaler: { type: cluster-autoscaler }
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 6 }]`, '2h')}
  workloads:
    - name: cache
      replicas: 4
      resources: { requests: { cpu: 100m, memory: 128Mi } }
      load: { type: constant, rps: 10 }
      cpuPerRequest: 1ms
  change:
    description: one cache replica per node
    patch:
      workloads:
        - name: cache
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector: { matchLabels: { app: cache } }
                  topologyKey: kubernetes.io/hostname
`;

  test('raises the node count from 1 to 4', () => {
    expect(runOf(text, 'before').nodes.peak).toBe(1);
    const after = runOf(text, 'after');
    expect(after.nodes.peak).toBe(4);
    expect(after.workloads.cache!.pending.peak).toBe(0);
  });
});

describe('a topology spread constraint the cluster cannot satisfy', () => {
  // Two zones but minDomains 3: with fewer domains than minDomains the global minimum counts as 0,
  // so each zone may hold at most maxSkew = 1 matching pod. Replicas 1 and 2 land in a and b; the
  // third fits no zone, and no new node can help (the pool has only these two zones).
  const text = `${header('spread-pending', `    nodeAutoscaler: { type: cluster-autoscaler }
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 2, maxNodes: 6, zones: [us-central1-a, us-central1-b] }]`)}
  workloads:
    - name: web
      replicas: 3
      resources: { requests: { cpu: 100m, memory: 128Mi } }
      load: { type: constant, rps: 10 }
      cpuPerRequest: 1ms
      topologySpreadConstraints:
        - maxSkew: 1
          minDomains: 3
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: { matchLabels: { app: web } }
`;

  test('leaves the third replica Pending, with a warning', () => {
    const run = runOf(text);
    expect(run.workloads.web!.pending.peak).toBe(1);
    expect(run.warnings.some((w) => w.kind === 'pods-pending' && w.workload === 'web')).toBe(true);
    expect(run.events.some((e) => e.reason === 'FailedScheduling' && e.message.includes("didn't match pod topology spread constraints"))).toBe(true);
  });
});

describe('an imported HA manifest: required anti-affinity per node and a zone spread', () => {
  // Linkerd's real HA manifest (test/fixtures/manifests/linkerd, Apache-2.0) gives
  // linkerd-destination required pod anti-affinity on kubernetes.io/hostname. The scenario adds a
  // zone spread constraint (maxSkew 1, DoNotSchedule) and runs 5 replicas on a pool over three
  // zones whose nodes take the zones in turn (a, b, c, a, b, ...). By hand: five replicas need five
  // nodes (one per node); the first three nodes are in a, b, c; nodes 4 and 5 come up in a and b,
  // so the replicas spread 2/2/1, within maxSkew 1. The 3-replica identity and proxy-injector
  // Deployments have the same anti-affinity and fit on three of those nodes. Kubernetes: 5 nodes.
  const fixture = resolve('test/fixtures/manifests/linkerd/install-ha.yaml');
  const text = `${header('linkerd-ha-zones', `    nodeAutoscaler: { type: cluster-autoscaler }
    nodePools:
      - { name: pool, machineType: e2-standard-4, minNodes: 3, maxNodes: 8, zones: [us-central1-a, us-central1-b, us-central1-c] }`, '2h')}
  imports:
    - manifests: ${fixture}
  workloads:
    - name: linkerd-destination
      replicas: 5
      load: { type: constant, rps: 50 }
      cpuPerRequest: 2ms
      workerThreads: 4
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: { matchLabels: { linkerd.io/control-plane-component: destination } }
`;

  test('needs 5 nodes, the replicas spread 2/2/1 over the zones', async () => {
    const { dir, file } = scenarioFile(text);
    const json = join(dir, 'run.json');
    const r = await runCli('run', file, '--json', json, '--allow-path', '/');
    expect(r.code, r.err).toBe(0);
    const { run } = JSON.parse(readFileSync(json, 'utf8')) as { run: { nodes: { peak: number }; workloads: Record<string, { pending: { peak: number } }> } };
    expect(run.nodes.peak).toBe(5);
    expect(run.workloads['linkerd-destination']!.pending.peak).toBe(0);
  });
});

describe('priority and preemption', () => {
  // One e2-standard-4 (3.92 allocatable cores on GKE) and no node autoscaler. batch holds 2 x 1
  // core at priority 0; api (1 core each, priority 1000) runs 1 replica until its load steps up at
  // 20 min and its HPA wants 3. The node has about 0.9 core left: each new api pod fits only when a
  // batch pod goes. The scheduler preempts the fewest low-priority pods that make room (event
  // Preempted); the batch pods that come back stay Pending.
  const text = `${header('preemption', `    nodeAutoscaler: { type: none }
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 1 }]
    priorityClasses:
      - { name: production, value: 1000 }`)}
  workloads:
    - name: batch
      replicas: 2
      resources: { requests: { cpu: "1", memory: 256Mi } }
    - name: api
      priorityClassName: production
      resources: { requests: { cpu: "1", memory: 256Mi } }
      hpa: { minReplicas: 1, maxReplicas: 3, metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } } }] }
      load: { type: step, steps: [{ at: 0s, rps: 50 }, { at: 20m, rps: 1000 }], noise: none }
      cpuPerRequest: 2ms
      workerThreads: 8
`;

  test('evicts lower-priority pods so that the higher-priority ones run', () => {
    const run = runOf(text);
    expect(run.workloads.api!.replicas.peak).toBe(3);
    expect(run.events.filter((e) => e.reason === 'Preempted').length).toBeGreaterThanOrEqual(1);
    expect(run.workloads.batch!.pending.peak).toBeGreaterThanOrEqual(1);
  });

  test('preemptionPolicy Never waits instead of preempting', () => {
    const never = text.replace('- { name: production, value: 1000 }', '- { name: production, value: 1000, preemptionPolicy: Never }');
    const run = runOf(never);
    expect(run.events.some((e) => e.reason === 'Preempted')).toBe(false);
    expect(run.workloads.api!.pending.peak).toBeGreaterThanOrEqual(1);
  });
});

describe('zones in the node autoscalers', () => {
  // Six replicas that must each have their own node (required anti-affinity on the hostname).
  const cache = `  workloads:
    - name: cache
      replicas: 6
      resources: { requests: { cpu: 100m, memory: 128Mi } }
      load: { type: constant, rps: 10 }
      cpuPerRequest: 1ms
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: cache } }
              topologyKey: kubernetes.io/hostname
`;

  test('--balance-similar-node-groups spreads a scale-up over one node group per zone', () => {
    // Three identical EKS node groups of one node each, one per zone (the usual one-ASG-per-AZ
    // layout; their nodegroup labels differ but the AWS comparator ignores them). 3 more nodes are
    // needed. Balanced, each group grows by one (BalanceScaleUpBetweenGroups fills the smallest
    // first); without it the expander puts all three in one group.
    const pools = (balance: boolean) => `    nodeAutoscaler: { type: cluster-autoscaler, balanceSimilarNodeGroups: ${balance} }
    nodePools:
      - { name: ng-a, machineType: m5.xlarge, minNodes: 1, maxNodes: 4, initialNodes: 1, zones: [us-east-1a] }
      - { name: ng-b, machineType: m5.xlarge, minNodes: 1, maxNodes: 4, initialNodes: 1, zones: [us-east-1b] }
      - { name: ng-c, machineType: m5.xlarge, minNodes: 1, maxNodes: 4, initialNodes: 1, zones: [us-east-1c] }`;
    const eks = (t: string) => t.replace('provider: gke', 'provider: eks');
    const balanced = runOf(eks(`${header('balanced', pools(true), '1h')}${cache}`));
    expect(balanced.nodes.peak).toBe(6);
    expect(['ng-a', 'ng-b', 'ng-c'].map((p) => balanced.pools[p]!.peakNodes)).toEqual([2, 2, 2]);
    const unbalanced = runOf(eks(`${header('unbalanced', pools(false), '1h')}${cache}`));
    expect(unbalanced.nodes.peak).toBe(6);
    expect(Math.max(...['ng-a', 'ng-b', 'ng-c'].map((p) => unbalanced.pools[p]!.peakNodes))).toBe(4);
  });

  test('Karpenter launches where a zone spread needs a node, else in the cheapest zone', () => {
    // One NodePool over three zones, zone c dearer (0.30 against 0.20 USD/h). 3 replicas start on
    // 3 nodes, one per zone (a, b, c: 0.70 USD/h). At 20 min the HPA goes to 6 and each new replica
    // needs a node of its own. With a zone spread (maxSkew 1) the new nodes go one per zone:
    // 0.70 + 0.20 + 0.20 + 0.30 = 1.40 USD/h, and zone c's two nodes stay where they are (a replica
    // moved to a or b would make the skew 2). Without it Karpenter takes the cheapest offerings,
    // zones a and b, and single-node consolidation replaces zone c's node by one at 0.20 there,
    // which is cheaper: 6 x 0.20 = 1.20 USD/h.
    const spread = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: cache } } }
`;
    const scaled = cache
      .replace('replicas: 6', 'hpa: { minReplicas: 3, maxReplicas: 6, metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } } }] }')
      .replace('load: { type: constant, rps: 10 }', 'load: { type: step, steps: [{ at: 0s, rps: 10 }, { at: 20m, rps: 2000 }], noise: none }')
      .replace('cpuPerRequest: 1ms', 'cpuPerRequest: 1ms\n      workerThreads: 8');
    const text = (withSpread: boolean) => `${header('karpenter-zones', `    nodeAutoscaler: { type: karpenter }
    instanceTypes:
      - { name: zonal-4, provider: generic, vcpu: 4, memory: 16Gi, onDemandHourly: 0.20, zonePrices: { z-c: { onDemandHourly: 0.30 } } }
    nodePools: [{ name: np, instanceTypes: [zonal-4], minNodes: 0, maxNodes: 10, zones: [z-a, z-b, z-c], region: r }]`, '2h')}${scaled}${withSpread ? spread : ''}`;
    const lastHourRate = (withSpread: boolean): number => {
      const run = runOf(text(withSpread));
      expect(run.nodes.peak).toBe(6);
      const t = run.series.timeMs;
      const c = run.series.costUsd;
      const n = t.length - 1;
      const k = t.findIndex((x) => x >= t[n]! - 3_600_000);
      return (c[n]! - c[k]!) / ((t[n]! - t[k]!) / 3_600_000);
    };
    expect(lastHourRate(true)).toBeCloseTo(1.4, 2);
    expect(lastHourRate(false)).toBeCloseTo(1.2, 2);
  });
});
