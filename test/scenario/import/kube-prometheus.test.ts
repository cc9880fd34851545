import { describe, expect, test } from 'vitest';
import { mustLoad, scenario, Mi } from './load-text.js';
import { expectImported, type ExpectedWorkload } from './expect-imported.js';

// kube-prometheus manifests/ (prometheus-operator/kube-prometheus). Every container sets CPU and
// memory requests and limits; the pod values are the sums over the app containers (no init
// containers). Every pod selects kubernetes.io/os: linux.
const linux = { 'kubernetes.io/os': 'linux' };

describe('kube-prometheus monitoring stack', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: manifests/kube-prometheus
  workloads:
    - name: grafana
`),
  );

  test.each<ExpectedWorkload>([
    {
      name: 'blackbox-exporter', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: linux,
      // blackbox-exporter, module-configmap-reloader, kube-rbac-proxy: 3 x 10m / 20Mi.
      requests: { cpuMilli: 30, memoryBytes: 60 * Mi },
      // 3 x 20m / 40Mi.
      limits: { cpuMilli: 60, memoryBytes: 120 * Mi },
    },
    {
      name: 'grafana', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: linux,
      // One container.
      requests: { cpuMilli: 100, memoryBytes: 100 * Mi },
      limits: { cpuMilli: 200, memoryBytes: 200 * Mi },
    },
    {
      name: 'kube-state-metrics', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: linux,
      // kube-state-metrics 10m / 190Mi + kube-rbac-proxy-main 20m / 20Mi + kube-rbac-proxy-self 10m / 20Mi.
      requests: { cpuMilli: 40, memoryBytes: 230 * Mi },
      // 100m / 250Mi + 40m / 40Mi + 20m / 40Mi.
      limits: { cpuMilli: 160, memoryBytes: 330 * Mi },
    },
    {
      // prometheusAdapter-podDisruptionBudget.yaml selects it.
      name: 'prometheus-adapter', kind: 'Deployment', replicas: 2, hpa: null, pdb: { minAvailable: 1, maxUnavailable: null }, nodeSelector: linux,
      // One container: 102m / 180Mi, limits 250m / 180Mi.
      requests: { cpuMilli: 102, memoryBytes: 180 * Mi },
      limits: { cpuMilli: 250, memoryBytes: 180 * Mi },
    },
    {
      name: 'prometheus-operator', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: linux,
      // prometheus-operator 100m / 100Mi + kube-rbac-proxy 10m / 20Mi.
      requests: { cpuMilli: 110, memoryBytes: 120 * Mi },
      // 200m / 200Mi + 20m / 40Mi.
      limits: { cpuMilli: 220, memoryBytes: 240 * Mi },
    },
  ])('$name', (row) => expectImported(loaded, row));

  test('five Deployments; node-exporter is per-node overhead', () => {
    expect(loaded.before.workloads).toHaveLength(5);
    // node-exporter 102m / 180Mi + kube-rbac-proxy 10m / 20Mi; limits 250m / 180Mi + 20m / 40Mi.
    expect(loaded.before.cluster.daemonSets).toEqual([
      { name: 'node-exporter', namespace: 'monitoring', requests: { cpuMilli: 112, memoryBytes: 200 * Mi }, limits: { cpuMilli: 270, memoryBytes: 220 * Mi } },
    ]);
  });

  test('the PDBs of the operator-managed Prometheus and Alertmanager select nothing imported', () => {
    // Their pods come from the Prometheus and Alertmanager custom resources, which are skipped.
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/PodDisruptionBudget "prometheus-k8s": selects no imported workload/));
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/PodDisruptionBudget "alertmanager-main": selects no imported workload/));
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/skipped 1 object\(s\) of kinds the simulator does not model: Prometheus x1 \(k8s\)/));
  });
});
