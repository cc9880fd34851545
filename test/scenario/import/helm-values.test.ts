import { describe, expect, test } from 'vitest';
import { loadText, scenario, Mi } from './load-text.js';
import { mergeValues } from '../../../src/scenario/import/helm-values.js';

const workload = (helm: string, extra = '') => scenario(`  workloads:
    - name: payments
      helm:
${helm}
${extra}`);

function ok(text: string) {
  const r = loadText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path} ${p.message}`).join('\n'));
  return { ...r.value, warnings: r.warnings };
}

describe('values in the helm create layout', () => {
  test('the scaffold itself: replicaCount 1, autoscaling off, resources {} (so no requests, with a warning)', () => {
    const l = ok(workload('        values: helm/helm-create/values.yaml'));
    const w = l.before.workloads[0]!;
    expect([w.replicas, w.hpa, w.requests.cpuMilli, w.requests.memoryBytes, w.limits.cpuMilli]).toEqual([1, null, 0, 0, null]);
    expect(l.warnings.map((p) => p.message)).toContain('workload "payments": the values set no resources.requests: assumed 0 CPU and 0 memory');
    expect(l.after).toBeNull();
  });

  // payments/values.yaml: requests 200m / 256Mi, limits 500m / 512Mi, autoscaling 2..10 at 80 % CPU.
  // The incident's change: requests.cpu 200m -> 500m and maxReplicas 10 -> 30.
  const incident = [
    { path: 'workloads.payments.requests.cpuMilli', before: 200, after: 500 },
    { path: 'workloads.payments.hpa.maxReplicas', before: 10, after: 30 },
  ];

  test('before/after from two values files', () => {
    const l = ok(workload('        values: helm/payments/values.yaml\n        valuesAfter: helm/payments/values-after.yaml'));
    const w = l.before.workloads[0]!;
    expect(w.requests).toEqual({ cpuMilli: 200, memoryBytes: 256 * Mi });
    expect(w.limits).toEqual({ cpuMilli: 500, memoryBytes: 512 * Mi });
    // Autoscaling enabled: the chart's Deployment has no replicas, so the simulation starts at minReplicas.
    expect(w.replicas).toBe(2);
    expect(w.hpa).toMatchObject({ minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    expect(l.change.fields).toEqual(expect.arrayContaining(incident));
    expect(l.change.fields).toHaveLength(2);
  });

  test('before/after from one values file and an overlay (helm -f values.yaml -f overlay.yaml)', () => {
    const l = ok(workload('        values: helm/payments/values.yaml\n        overlay: helm/payments/overlay.yaml'));
    expect(l.change.fields).toEqual(expect.arrayContaining(incident));
    expect(l.change.fields).toHaveLength(2);
    expect(l.inputs?.after?.files.map((f) => f.split('/').pop())).toEqual(['values.yaml', 'overlay.yaml']);
  });

  test('the scenario entry overrides what the values say', () => {
    const l = ok(workload('        values: helm/payments/values.yaml', '      resources: { limits: { cpu: "1" } }'));
    expect(l.before.workloads[0]!.limits).toEqual({ cpuMilli: 1000, memoryBytes: 512 * Mi });
  });
});

describe('a mapping for charts with other keys', () => {
  test('umbrella chart: root and per-field paths', () => {
    const l = ok(
      workload(`        values: helm/payments/umbrella.yaml
        root: payments
        mapping:
          replicas: instances
          resources.requests.cpu: cpu
          resources.requests.memory: memory
          hpa.enabled: scaling.on
          hpa.minReplicas: scaling.min
          hpa.maxReplicas: scaling.max
          hpa.targetCPUUtilizationPercentage: scaling.cpuTarget`),
    );
    const w = l.before.workloads[0]!;
    expect(w.requests).toEqual({ cpuMilli: 250, memoryBytes: 512 * Mi });
    expect(w.hpa).toMatchObject({ minReplicas: 3, maxReplicas: 12, metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 70 } } }] });
    expect(w.replicas).toBe(3);
  });
});

describe('problems point into the values file or the scenario', () => {
  test('a bad value is reported at its line in the values file', () => {
    const r = loadText(workload('        values: helm/payments/bad-values.yaml'));
    expect(r.ok).toBe(false);
    // bad-values.yaml line 1: "replicaCount: three"; the value starts at column 15.
    expect(!r.ok && r.problems[0]).toMatchObject({ line: 1, column: 15, path: 'replicaCount', message: 'expected a number', hint: 'imported as spec.workloads[0].replicas' });
    expect(!r.ok && r.problems[0]!.file).toMatch(/helm\/payments\/bad-values.yaml$/);
  });

  test('a misspelt mapping key gets a did-you-mean', () => {
    const r = loadText(workload('        values: helm/payments/values.yaml\n        mapping: { replica: instances }'));
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.workloads[0].helm.mapping.replica', hint: 'did you mean "replicas"?' });
  });

  test('valuesAfter and overlay together are refused', () => {
    const r = loadText(workload('        values: helm/payments/values.yaml\n        valuesAfter: helm/payments/values-after.yaml\n        overlay: helm/payments/overlay.yaml'));
    expect(!r.ok && r.problems.map((p) => p.path)).toContain('spec.workloads[0].helm.overlay');
  });

  test('a missing values file is reported at the scenario field', () => {
    const r = loadText(workload('        values: helm/payments/nope.yaml'));
    // Line 11 of the scenario text: header (3), spec, cluster (3 lines), workloads, the entry, helm, values.
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.workloads[0].helm.values', line: 11, column: 17 });
  });
});

describe('mergeValues (helm -f a -f b)', () => {
  test.each([
    { name: 'maps merge, later wins', a: { x: { y: 1, z: 2 } }, b: { x: { z: 3 } }, want: { x: { y: 1, z: 3 } } },
    { name: 'null deletes a key', a: { x: 1, y: 2 }, b: { y: null }, want: { x: 1 } },
    { name: 'lists are replaced, not merged', a: { t: [1, 2] }, b: { t: [3] }, want: { t: [3] } },
  ])('$name', ({ a, b, want }) => {
    expect(mergeValues(a, b)).toEqual(want);
  });
});

describe('a chart folder', () => {
  test('stands for its values.yaml', () => {
    const l = ok(workload('        values: helm/helm-create'));
    expect(l.before.workloads[0]!.replicas).toBe(1);
    expect(l.inputs?.before.files.map((f) => f.split('/').slice(-2).join('/'))).toEqual(['helm-create/values.yaml']);
  });
});
