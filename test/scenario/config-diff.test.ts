import { describe, expect, test } from 'vitest';
import { diffConfigs } from '../../src/scenario/config-diff.js';
import { displayField } from '../../src/scenario/upstream-field.js';
import { load } from './one-workload.js';

describe('diffConfigs', () => {
  test('named list items are matched by name, leaves compared', () => {
    const before = { workloads: [{ name: 'a', hpa: { maxReplicas: 10 } }, { name: 'b', replicas: 2 }] };
    const after = { workloads: [{ name: 'b', replicas: 2 }, { name: 'a', hpa: { maxReplicas: 30 } }] };
    expect(diffConfigs(before, after)).toEqual([{ path: 'workloads.a.hpa.maxReplicas', before: 10, after: 30 }]);
  });

  test('an HPA that appears is listed once per field, without null -> null noise', () => {
    const before = { workloads: [{ name: 'a', hpa: null }] };
    const after = { workloads: [{ name: 'a', hpa: { maxReplicas: 5 } }] };
    expect(diffConfigs(before, after)).toEqual([{ path: 'workloads.a.hpa.maxReplicas', before: null, after: 5 }]);
  });
});

describe('the change of a pod with several containers', () => {
  // Appended to the one workload's body: the `change` sits after `workloads`.
  const pod = `      initContainers:
        - name: istio-proxy
          restartPolicy: Always
          resources: { requests: { cpu: 100m }, limits: { cpu: 200m } }
      containers:
        - name: server
          resources: { requests: { cpu: 400m }, limits: { cpu: "1" } }
`;
  const changed = (patch: string) => {
    const r = load(`${pod}  change:\n    patch:\n      workloads:\n        - name: api\n${patch}`);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    return r.value.change.fields.map(displayField);
  };

  test('a sidecar\'s limit is reported under its container, once, with upstream names; the pod totals are not repeated', () => {
    // The pod limit goes 1200m -> 1500m too, but it is derived from the containers.
    expect(changed('          initContainers:\n            - name: istio-proxy\n              resources: { limits: { cpu: 500m } }\n')).toEqual([
      { path: 'workloads.api.containers.istio-proxy.resources.limits.cpu', before: '200m', after: '500m' },
    ]);
  });

  test('a container the change adds is one field, not one per value', () => {
    expect(changed('          containers:\n            - name: log-shipper\n              resources: { requests: { cpu: 10m } }\n              cpuPerRequest: 0ms\n              workerThreads: 1\n              idleCpu: 2m\n')).toEqual([
      { path: 'workloads.api.containers.log-shipper', before: 'not set', after: 'added' },
    ]);
  });

  test('a one-container workload is reported at the workload, as before', () => {
    const r = load(`      resources: { requests: { cpu: 100m } }\n  change:\n    patch:\n      workloads:\n        - name: api\n          resources: { requests: { cpu: 300m } }\n`);
    expect(r.ok && r.value.change.fields.map(displayField)).toEqual([{ path: 'workloads.api.resources.requests.cpu', before: '100m', after: '300m' }]);
  });
});
