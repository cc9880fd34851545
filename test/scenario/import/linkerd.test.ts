import { describe, expect, test } from 'vitest';
import { mustLoad, scenario, Mi } from './load-text.js';
import { expectImported, type ExpectedWorkload } from './expect-imported.js';

// Linkerd's HA control plane (linkerd/linkerd2 cli/cmd/testdata/install_ha_output.golden). Every
// pod runs the linkerd-init init container (100m / 20Mi, memory limit 250Mi) and a linkerd-proxy
// (100m / 20Mi, memory limit 250Mi): an app container in linkerd-identity, a native sidecar
// (init container with restartPolicy: Always, listed after linkerd-init) in the other two. No
// container sets a CPU limit; sp-validator and policy set no resources at all.
// Pod requests (k8s.io/component-helpers resource.PodRequests): max(sum(app) + sum(sidecars),
// max over init containers of (that init + the sidecars declared before it)).
const linux = { 'kubernetes.io/os': 'linux' };
const maxUnavailable1 = { minAvailable: null, maxUnavailable: 1 };

const imports = `  imports:
    - manifests: manifests/linkerd/install-ha.yaml
`;
const workloads = `  workloads:
    - name: linkerd-destination
`;

describe('Linkerd HA control plane as written', () => {
  const loaded = mustLoad(scenario(imports + workloads));

  test.each<ExpectedWorkload>([
    {
      name: 'linkerd-identity', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      // identity 100m + proxy 100m = 200m (init 100m is less); 10Mi + 20Mi = 30Mi (init 20Mi).
      requests: { cpuMilli: 200, memoryBytes: 30 * Mi },
      // No CPU limit anywhere: none at pod level. Memory 250Mi + 250Mi = 500Mi (init 250Mi).
      limits: { cpuMilli: null, memoryBytes: 500 * Mi },
    },
    {
      name: 'linkerd-destination', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      // destination 100m + sp-validator 0 + policy 0 + proxy sidecar 100m = 200m; linkerd-init
      // runs before the sidecar starts: 100m alone. Memory 50Mi + 20Mi = 70Mi.
      requests: { cpuMilli: 200, memoryBytes: 70 * Mi },
      // sp-validator and policy have no limits: no pod-level limit of either kind.
      limits: { cpuMilli: null, memoryBytes: null },
    },
    {
      name: 'linkerd-proxy-injector', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      // proxy-injector 100m + proxy sidecar 100m = 200m; 50Mi + 20Mi = 70Mi.
      requests: { cpuMilli: 200, memoryBytes: 70 * Mi },
      // Memory 250Mi + 250Mi (sidecar) = 500Mi; no CPU limit.
      limits: { cpuMilli: null, memoryBytes: 500 * Mi },
    },
  ])('$name', (row) => expectImported(loaded, row));

  test('three Deployments in namespace linkerd; the heartbeat CronJob and the rest are skipped', () => {
    expect(loaded.before.workloads.map((w) => `${w.namespace}/${w.name}`).sort()).toEqual(['linkerd/linkerd-destination', 'linkerd/linkerd-identity', 'linkerd/linkerd-proxy-injector']);
    expect(loaded.before.cluster.daemonSets).toEqual([]);
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/install-ha\.yaml:0:0: : skipped 36 object\(s\) .*CronJob x1 \(linkerd-heartbeat\)/));
  });
});

describe('Linkerd HA control plane in a namespace with the documentation\'s LimitRanges', () => {
  // kubernetes/website cpu-defaults.yaml (default cpu 1, defaultRequest 0.5) and
  // memory-defaults.yaml (default 512Mi, defaultRequest 256Mi), put in namespace linkerd. The
  // LimitRanger fills each container's missing values, init containers included; a container
  // that sets a request but no limit gets the default limit.
  const loaded = mustLoad(
    scenario(`${imports}    - manifests: [manifests/k8s-website/limits/cpu-defaults.yaml, manifests/k8s-website/limits/memory-defaults.yaml]
      namespace: linkerd
${workloads}`),
  );

  test.each<ExpectedWorkload>([
    {
      name: 'linkerd-identity', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      // Every container sets both requests: unchanged, 200m / 30Mi.
      requests: { cpuMilli: 200, memoryBytes: 30 * Mi },
      // Each container gets a 1000m CPU limit: identity + proxy = 2000m (init 1000m). Memory 500Mi.
      limits: { cpuMilli: 2000, memoryBytes: 500 * Mi },
    },
    {
      name: 'linkerd-destination', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      // sp-validator and policy get 500m / 256Mi each: 100m + 500m + 500m + 100m (sidecar) =
      // 1200m; 50Mi + 256Mi + 256Mi + 20Mi = 582Mi.
      requests: { cpuMilli: 1200, memoryBytes: 582 * Mi },
      // Four running containers at 1000m each = 4000m; 250Mi + 512Mi + 512Mi + 250Mi = 1524Mi.
      limits: { cpuMilli: 4000, memoryBytes: 1524 * Mi },
    },
    {
      name: 'linkerd-proxy-injector', kind: 'Deployment', replicas: 3, hpa: null, pdb: maxUnavailable1, nodeSelector: linux,
      requests: { cpuMilli: 200, memoryBytes: 70 * Mi },
      // proxy-injector + proxy sidecar at 1000m each = 2000m; memory 500Mi as written.
      limits: { cpuMilli: 2000, memoryBytes: 500 * Mi },
    },
  ])('$name', (row) => expectImported(loaded, row));

  test('the namespace carries the combined LimitRange and the importer says what it filled in', () => {
    const ns = loaded.before.namespaces.find((n) => n.name === 'linkerd');
    expect(ns?.limitRange?.container).toMatchObject({ default: { cpuMilli: 1000, memoryBytes: 512 * Mi }, defaultRequest: { cpuMilli: 500, memoryBytes: 256 * Mi } });
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/Deployment "linkerd-destination": LimitRange in namespace linkerd set .*cpu request for container sp-validator; memory limit for container sp-validator; memory request for container sp-validator/));
  });
});
