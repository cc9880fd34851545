import { describe, expect, test } from 'vitest';
import { mustLoad, scenario, Mi } from './load-text.js';
import { expectImported, type ExpectedWorkload } from './expect-imported.js';

// Knative Serving config/core (knative/serving): one container per pod, requests and limits
// as written. Deployments without spec.replicas get the API default, 1; with an HPA the
// simulation starts at its minReplicas, also 1 here.
const pdb80 = { minAvailable: '80%', maxUnavailable: null };

describe('Knative Serving control plane', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: manifests/knative-serving
  workloads:
    - name: activator
`),
  );

  test.each<ExpectedWorkload>([
    {
      // No spec.replicas; activator-hpa.yaml: autoscaling/v2, 1..20 at 100 % of the CPU request.
      name: 'activator', kind: 'Deployment', replicas: 1, hpa: { minReplicas: 1, maxReplicas: 20, cpuUtilization: 100 }, pdb: pdb80, nodeSelector: {},
      requests: { cpuMilli: 300, memoryBytes: 60 * Mi },
      limits: { cpuMilli: 1000, memoryBytes: 600 * Mi },
    },
    {
      name: 'autoscaler', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: {},
      requests: { cpuMilli: 100, memoryBytes: 100 * Mi },
      limits: { cpuMilli: 1000, memoryBytes: 1000 * Mi },
    },
    {
      // No spec.replicas, no HPA: 1.
      name: 'controller', kind: 'Deployment', replicas: 1, hpa: null, pdb: null, nodeSelector: {},
      requests: { cpuMilli: 100, memoryBytes: 100 * Mi },
      limits: { cpuMilli: 1000, memoryBytes: 1000 * Mi },
    },
    {
      // No spec.replicas; webhook-hpa.yaml: 1..5 at 100 %.
      name: 'webhook', kind: 'Deployment', replicas: 1, hpa: { minReplicas: 1, maxReplicas: 5, cpuUtilization: 100 }, pdb: pdb80, nodeSelector: {},
      requests: { cpuMilli: 100, memoryBytes: 100 * Mi },
      limits: { cpuMilli: 500, memoryBytes: 500 * Mi },
    },
  ])('$name', (row) => expectImported(loaded, row));

  test('grace periods come from the pod specs: 600 s activator, 300 s webhook, else the 30 s default', () => {
    const grace = Object.fromEntries(loaded.before.workloads.map((w) => [w.name, w.terminationGracePeriodMs]));
    expect(grace).toEqual({ activator: 600_000, autoscaler: 30_000, controller: 30_000, webhook: 300_000 });
  });
});
