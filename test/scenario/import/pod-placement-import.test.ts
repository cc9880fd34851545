import { describe, expect, test } from 'vitest';
import { mustLoad, scenario, byName, Mi } from './load-text.js';

// The containers, pod template labels, pod (anti-)affinity, topology spread constraints and
// priority classes of real manifests, as the scenario carries them; every value is read off the
// manifest named in each block.

const kinds = (w: { containers: readonly { name: string; kind: string }[] }) => w.containers.map((c) => `${c.name}:${c.kind}`);

describe('Linkerd HA control plane (linkerd/install-ha.yaml)', () => {
  const loaded = mustLoad(scenario('  imports:\n    - manifests: manifests/linkerd/install-ha.yaml\n'));

  test('every container is kept: linkerd-init is a plain init container, the proxy a native sidecar in destination', () => {
    expect(kinds(byName(loaded, 'linkerd-destination'))).toEqual(['linkerd-init:init', 'linkerd-proxy:sidecar', 'destination:app', 'sp-validator:app', 'policy:app']);
    // In identity the proxy is a second app container.
    expect(kinds(byName(loaded, 'linkerd-identity'))).toEqual(['linkerd-init:init', 'identity:app', 'linkerd-proxy:app']);
  });

  test('each container keeps its resources: linkerd-proxy 100m / 20Mi, memory limit 250Mi, no CPU limit', () => {
    const proxy = byName(loaded, 'linkerd-destination').containers.find((c) => c.name === 'linkerd-proxy')!;
    expect([proxy.requests, proxy.limits]).toEqual([{ cpuMilli: 100, memoryBytes: 20 * Mi }, { cpuMilli: null, memoryBytes: 250 * Mi }]);
  });

  test('identity: required anti-affinity per hostname and a preferred one per zone, weight 100', () => {
    const w = byName(loaded, 'linkerd-identity');
    const selector = { matchExpressions: [{ key: 'linkerd.io/control-plane-component', operator: 'In', values: ['identity'] }] };
    expect(w.podAntiAffinity).toEqual({
      required: [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }],
      preferred: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'topology.kubernetes.io/zone' } }],
    });
    expect(w.labels).toMatchObject({ 'linkerd.io/control-plane-component': 'identity', 'linkerd.io/proxy-deployment': 'linkerd-identity' });
  });

  test('pod anti-affinity is no longer set aside with a warning', () => {
    expect(loaded.warnings.filter((x) => /kept as imported data/.test(x))).toEqual([]);
  });
});

describe('Knative Serving (knative-serving/activator.yaml)', () => {
  const loaded = mustLoad(scenario('  imports:\n    - manifests: manifests/knative-serving\n'));

  test('activator prefers one pod per node (weight 100) and keeps its template labels', () => {
    const w = byName(loaded, 'activator');
    expect(w.podAntiAffinity).toEqual({ preferred: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'activator' } }, topologyKey: 'kubernetes.io/hostname' } }] });
    expect(w.labels).toEqual({ app: 'activator', role: 'activator', 'app.kubernetes.io/component': 'activator', 'app.kubernetes.io/name': 'knative-serving', 'app.kubernetes.io/version': 'devel' });
    // One container: named as in the manifest.
    expect(kinds(w)).toEqual(['activator:app']);
  });
});

describe('kube-prometheus (kubeStateMetrics-deployment.yaml)', () => {
  const loaded = mustLoad(scenario('  imports:\n    - manifests: manifests/kube-prometheus\n'));

  test('kube-state-metrics keeps its three app containers and their requests', () => {
    const w = byName(loaded, 'kube-state-metrics');
    expect(w.containers.map((c) => [c.name, c.kind, c.requests.cpuMilli, c.limits.cpuMilli])).toEqual([
      ['kube-state-metrics', 'app', 10, 100],
      ['kube-rbac-proxy-main', 'app', 20, 40],
      ['kube-rbac-proxy-self', 'app', 10, 20],
    ]);
    // 10 + 20 + 10 = 40m; the first container serves.
    expect(w.requests.cpuMilli).toBe(40);
    expect(w.containers.find((c) => c.serving)?.name).toBe('kube-state-metrics');
  });
});

describe('PriorityClasses and spread constraints (hand-written/priority-and-spread.yaml)', () => {
  const loaded = mustLoad(scenario('  imports:\n    - manifests: manifests/hand-written/priority-and-spread.yaml\n'));
  const w = byName(loaded, 'payments');

  test('the PriorityClass manifest gives the pod its value; the copy of a system class is skipped with a warning', () => {
    expect([w.priority, w.priorityClassName, w.preemptionPolicy]).toEqual([100000, 'production', 'PreemptLowerPriority']);
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/PriorityClass "system-cluster-critical": a built-in system PriorityClass .*skipped/));
  });

  test('the zone spread constraint is kept (a null field read as unset)', () => {
    expect(w.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'payments' } }, matchLabelKeys: ['pod-template-hash'] },
    ]);
  });

  test('the native sidecar and the app container keep their resources: pod 500m / 640Mi, limits 1.5 / 1.25Gi', () => {
    expect(kinds(w)).toEqual(['istio-proxy:sidecar', 'server:app']);
    expect(w.requests).toEqual({ cpuMilli: 500, memoryBytes: 640 * Mi });
    expect(w.limits).toEqual({ cpuMilli: 1500, memoryBytes: 1280 * Mi });
  });
});

describe('a scenario entry over an imported pod with several containers', () => {
  test('workload-level terms go to the first app container; a container entry merges by name', () => {
    const loaded = mustLoad(scenario(`  imports:
    - manifests: manifests/linkerd/install-ha.yaml
  workloads:
    - name: linkerd-destination
      load: { type: constant, rps: 50 }
      cpuPerRequest: 2ms
      workerThreads: 4
      initContainers:
        - name: linkerd-proxy
          cpuPerRequest: 0.2ms
          workerThreads: 2
          idleCpu: 3m
`));
    const w = byName(loaded, 'linkerd-destination');
    const terms = (name: string) => {
      const c = w.containers.find((x) => x.name === name)!;
      return [c.serving, c.cpuPerRequestMs, c.workerThreads, c.requests.cpuMilli];
    };
    // destination (first app container) serves with the workload's terms; the proxy keeps its
    // imported 100m request under the written terms.
    expect(terms('destination')).toEqual([true, 2, 4, 100]);
    expect(terms('linkerd-proxy')).toEqual([false, 0.2, 2, 100]);
    // sp-validator and policy set no terms: the proxy-sidecar defaults, with a warning each.
    expect(terms('policy')).toEqual([false, 0.35, 2, 0]);
    expect(loaded.warnings.filter((x) => /assuming an Envoy-like proxy sidecar/.test(x)).map((x) => /container "([^"]+)"/.exec(x)?.[1])).toEqual(['sp-validator', 'policy']);
  });
});
